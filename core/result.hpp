// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A value or an error message: std::expected is not in g++ 12 / clang 14 as
// shipped in Debian 12, so this is the small subset the project uses.
#include <string>
#include <utility>
#include <variant>

namespace walkbreak::core {

struct Error {
    std::string message;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const std::string& error() const { return std::get<1>(v_).message; }

private:
    std::variant<T, Error> v_;
};

// What an operation that yields nothing returns: success, or why it failed.
using Outcome = Result<std::monostate>;
inline Outcome success() { return std::monostate{}; }

}  // namespace walkbreak::core
