// Loading real corpus files for benchmarks ($ASSAY_CORPUS or ../shared beside the checkout).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace assay::bench {

struct LoadedFile {
  std::string name;
  std::string bytes;
};

// The shared folder, or exits with a message when it is absent.
std::filesystem::path shared_dir_or_exit();
// Every *.xml in `dir` (sorted by name), read into memory.
std::vector<LoadedFile> load_xml_files(const std::filesystem::path& dir);
std::size_t total_bytes(const std::vector<LoadedFile>& files);

}  // namespace assay::bench
