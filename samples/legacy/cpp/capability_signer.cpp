// pbx-bridge/src/capability_signer.cpp
//
// The Asterisk bridge hands capability tokens to the web softphone. There is no Twilio
// helper library for C++, so this signs the JWT by hand (HS256 with the account auth
// token), following the format twilio-python produced in 2015.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <stdexcept>
#include <string>

namespace pbx {
namespace {

std::string base64url(const unsigned char* data, std::size_t len) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < len; i += 3) {
    const unsigned v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == len) {
    const unsigned v = data[i] << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (i + 2 == len) {
    const unsigned v = (data[i] << 16) | (data[i + 1] << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

std::string base64url(const std::string& s) {
  return base64url(reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

std::string require_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string("missing environment variable ") + name);
  }
  return value;
}

}  // namespace

// client_name must already be URL-safe ([A-Za-z0-9_]); the dial plan guarantees it.
std::string capability_token(const std::string& client_name, long ttl_seconds = 3600) {
  const std::string account_sid = require_env("TWILIO_ACCOUNT_SID");
  const std::string auth_token = require_env("TWILIO_AUTH_TOKEN");
  const std::string app_sid = require_env("PBX_TWIML_APP_SID");

  char scope[512];
  std::snprintf(scope, sizeof scope,
                "scope:client:incoming?clientName=%s scope:client:outgoing?appSid=%s&clientName=%s", // capmig-expect: hand-rolled-scope capability-mint identity=? incoming=true app=?
                client_name.c_str(), app_sid.c_str(), client_name.c_str());

  const long exp = static_cast<long>(std::time(nullptr)) + ttl_seconds;
  const std::string header = base64url(R"({"typ":"JWT","alg":"HS256"})");
  const std::string payload = base64url(std::string("{\"scope\":\"") + scope + "\",\"iss\":\"" +
                                        account_sid + "\",\"exp\":" + std::to_string(exp) + "}");
  const std::string signing_input = header + "." + payload;

  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha256(), auth_token.data(), static_cast<int>(auth_token.size()),
           reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(), mac,
           &mac_len) == nullptr) {
    throw std::runtime_error("HMAC failed");
  }
  return signing_input + "." + base64url(mac, mac_len);
}

}  // namespace pbx

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CLIENT_NAME [TTL]\n", argv[0]);
    return 2;
  }
  try {
    const long ttl = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 3600;
    std::puts(pbx::capability_token(argv[1], ttl).c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
