// SPDX-License-Identifier: GPL-3.0-or-later
// The control protocol's decoders on any bytes (a client's request line, the
// daemon's response line): a value or an error, never a crash or an exception.
// A decoded value encodes to a line that decodes to the same value; requests
// have no ==, so two requests are compared by their encodings.
#include "core/protocol.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace walkbreak::core;
namespace fuzz = walkbreak::fuzz;

namespace {

void request_round_trip(const protocol::Request& request) {
    const std::string line = protocol::encode_request(request);
    fuzz::check(line.size() <= protocol::max_request_bytes, "an encoded request fits a line");
    const auto again = protocol::decode_request(line);
    fuzz::check(again.ok(), "encode_request output decodes");
    fuzz::check(again.ok() && protocol::encode_request(*again) == line,
                "encode_request round-trips");
}

void response_round_trip(const protocol::Response& r) {
    const std::string line = r.status ? protocol::encode_status(*r.status)
                             : r.ok   ? protocol::encode_ok()
                                      : protocol::encode_error(r.error);
    const auto again = protocol::decode_response(line);
    fuzz::check(again.ok(), "an encoded response decodes");
    fuzz::check(
        again.ok() && again->ok == r.ok && again->error == r.error && again->status == r.status,
        "a response round-trips");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view line = fuzz::as_text(data, size);
    if (const auto request = protocol::decode_request(line)) {
        request_round_trip(*request);
    }
    if (const auto response = protocol::decode_response(line)) {
        response_round_trip(*response);
    }
    return 0;
}
