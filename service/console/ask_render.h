// Private to service/console: the answers of the Ask pages in words, from the JSON the /api/v1
// handlers produced (docs/qualification.md, certificate-validation.md, signature-validation.md).
#pragma once

#include <boost/json.hpp>

#include <string>

#include "service/console/html.h"

namespace assay::service::console {

// `qualification`: POST /api/v1/qualification's answer; `validation`: that of
// /api/v1/certificates/validation (null when it failed, `validation_error` says why).
void render_certificate_answer(Html& h, const boost::json::value& qualification, const boost::json::value& validation,
                               const std::string& validation_error);
// POST /api/v1/signatures/validation's answer with "detailed".
void render_signature_answer(Html& h, const boost::json::value& report);

}  // namespace assay::service::console
