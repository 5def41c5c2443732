// libclang, loaded on first use. Linked eagerly, libclang brings libLLVM (about 40 MB of
// relocated pages) into every process, so `capmig decode` on a pipe would start at 63 MB
// RSS. Only the C-family lexer (lex_clang.cpp) calls these, and it already falls back to its
// own lexer when no translation unit can be made; a missing library lands there too.
#include <clang-c/Index.h>
#include <dlfcn.h>

#include <cstdlib>
#include <cstring>

namespace {

void* library() {
  static void* const handle = dlopen(CAPMIG_LIBCLANG_PATH, RTLD_NOW | RTLD_LOCAL);
  return handle;
}

// The function `name` as the same type as our forwarding definition of it.
template <class F>
F resolve(const char* name, F) {
  void* h = library();
  void* sym = h ? dlsym(h, name) : nullptr;
  F f = nullptr;
  std::memcpy(&f, &sym, sizeof f);  // object to function pointer, as POSIX dlsym intends
  return f;
}

// Reached only with a translation unit, which only the loaded library can have made.
template <class F>
F required(F f) {
  if (!f) std::abort();
  return f;
}

}  // namespace

#define CAPMIG_LAZY(name) static const auto fn = resolve(#name, &(name))

extern "C" {

CXIndex clang_createIndex(int exclude_declarations_from_pch, int display_diagnostics) {
  CAPMIG_LAZY(clang_createIndex);
  return fn ? fn(exclude_declarations_from_pch, display_diagnostics) : nullptr;
}
void clang_disposeIndex(CXIndex index) {
  CAPMIG_LAZY(clang_disposeIndex);
  if (fn) fn(index);
}
enum CXErrorCode clang_parseTranslationUnit2(CXIndex index, const char* path, const char* const* args, int nargs,
                                             struct CXUnsavedFile* unsaved, unsigned nunsaved, unsigned options,
                                             CXTranslationUnit* out) {
  CAPMIG_LAZY(clang_parseTranslationUnit2);
  if (!fn || !index) return CXError_Failure;
  return fn(index, path, args, nargs, unsaved, nunsaved, options, out);
}
int clang_reparseTranslationUnit(CXTranslationUnit tu, unsigned nunsaved, struct CXUnsavedFile* unsaved,
                                 unsigned options) {
  CAPMIG_LAZY(clang_reparseTranslationUnit);
  return required(fn)(tu, nunsaved, unsaved, options);
}
unsigned clang_defaultReparseOptions(CXTranslationUnit tu) {
  CAPMIG_LAZY(clang_defaultReparseOptions);
  return required(fn)(tu);
}
void clang_disposeTranslationUnit(CXTranslationUnit tu) {
  CAPMIG_LAZY(clang_disposeTranslationUnit);
  required(fn)(tu);
}
CXFile clang_getFile(CXTranslationUnit tu, const char* name) {
  CAPMIG_LAZY(clang_getFile);
  return required(fn)(tu, name);
}
CXSourceLocation clang_getLocationForOffset(CXTranslationUnit tu, CXFile file, unsigned offset) {
  CAPMIG_LAZY(clang_getLocationForOffset);
  return required(fn)(tu, file, offset);
}
CXSourceRange clang_getRange(CXSourceLocation begin, CXSourceLocation end) {
  CAPMIG_LAZY(clang_getRange);
  return required(fn)(begin, end);
}
void clang_getFileLocation(CXSourceLocation location, CXFile* file, unsigned* line, unsigned* column,
                           unsigned* offset) {
  CAPMIG_LAZY(clang_getFileLocation);
  required(fn)(location, file, line, column, offset);
}
CXSourceLocation clang_getRangeStart(CXSourceRange range) {
  CAPMIG_LAZY(clang_getRangeStart);
  return required(fn)(range);
}
CXSourceLocation clang_getRangeEnd(CXSourceRange range) {
  CAPMIG_LAZY(clang_getRangeEnd);
  return required(fn)(range);
}
CXTokenKind clang_getTokenKind(CXToken token) {
  CAPMIG_LAZY(clang_getTokenKind);
  return required(fn)(token);
}
CXSourceLocation clang_getTokenLocation(CXTranslationUnit tu, CXToken token) {
  CAPMIG_LAZY(clang_getTokenLocation);
  return required(fn)(tu, token);
}
CXSourceRange clang_getTokenExtent(CXTranslationUnit tu, CXToken token) {
  CAPMIG_LAZY(clang_getTokenExtent);
  return required(fn)(tu, token);
}
void clang_tokenize(CXTranslationUnit tu, CXSourceRange range, CXToken** tokens, unsigned* count) {
  CAPMIG_LAZY(clang_tokenize);
  required(fn)(tu, range, tokens, count);
}
void clang_disposeTokens(CXTranslationUnit tu, CXToken* tokens, unsigned count) {
  CAPMIG_LAZY(clang_disposeTokens);
  required(fn)(tu, tokens, count);
}

}  // extern "C"
