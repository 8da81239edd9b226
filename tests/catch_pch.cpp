// SPDX-License-Identifier: GPL-3.0-or-later
// Empty: the target it belongs to exists to precompile Catch2's header once,
// with the test files' own flags, for every unit test to reuse.
