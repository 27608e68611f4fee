// The mirror map (urls.tsv: url<TAB>target lines; `mirror` in the configuration), read by
// MirrorFetcher. Nothing is fetched: the targets would be arbitrary local paths.
#include "engine/net/mirror_fetcher.h"
#include "fuzz/support/fuzz_target.h"

ASSAY_FUZZ_TARGET(urls_tsv) {
  using namespace assay::engine::net;
  auto fetcher = MirrorFetcher::parse(assay::fuzz::as_text(data, size), "/mirror/urls.tsv", nullptr);
  if (fetcher) {
    for (const auto& url : (*fetcher)->urls()) (void)(*fetcher)->contains(url);
  }
  return 0;
}
