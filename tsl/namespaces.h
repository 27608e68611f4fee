// Namespace URIs and vocabulary prefixes of TS 119 612 documents.
#pragma once

#include <string_view>

namespace assay::tsl::ns {

inline constexpr std::string_view kTsl = "http://uri.etsi.org/02231/v2#";
inline constexpr std::string_view kTslAdditionalTypes = "http://uri.etsi.org/02231/v2/additionaltypes#";
inline constexpr std::string_view kSie = "http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#";
inline constexpr std::string_view kDs = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr std::string_view kXades = "http://uri.etsi.org/01903/v1.3.2#";
inline constexpr std::string_view kXml = "http://www.w3.org/XML/1998/namespace";

inline constexpr std::string_view kTslTag = "http://uri.etsi.org/19612/TSLTag";
inline constexpr std::string_view kTypeLotl = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists";
inline constexpr std::string_view kTypeEuGeneric = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric";
inline constexpr std::string_view kStatusPrefix = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/";
inline constexpr std::string_view kServiceTypePrefix = "http://uri.etsi.org/TrstSvc/Svctype/";
inline constexpr std::string_view kSvcInfoExtPrefix = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/";
inline constexpr std::string_view kMimeXml = "application/vnd.etsi.tsl+xml";

}  // namespace assay::tsl::ns
