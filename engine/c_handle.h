// Owning handles for C library objects: unique_ptr with a zero-size deleter keyed on the C free
// function, so `CHandle<X509, X509_free>` costs one pointer.
#pragma once

#include <memory>

namespace assay::engine {

template <auto Free>
struct FnDeleter {
  template <class T>
  void operator()(T* p) const noexcept {
    if (p != nullptr) Free(p);
  }
};

template <class T, auto Free>
using CHandle = std::unique_ptr<T, FnDeleter<Free>>;

}  // namespace assay::engine
