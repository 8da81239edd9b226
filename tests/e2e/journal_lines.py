# SPDX-License-Identifier: GPL-3.0-or-later
"""Sync journal lines as another device's walkbreak writes them (docs/SYNC.md
"Journal lines"): `VERSION SP PAYLOAD SP CHECK LF`, the check the CRC-32 of
everything before the last space, as zlib computes it."""
import json
import zlib


def framed(body):
    """`body` ("1 {...}") with its check value and newline."""
    return f"{body} {zlib.crc32(body.encode()):08x}\n"


def line(device, seq, kind, record_id, op="put", version=1, **fields):
    payload = {"device": device, "seq": seq, "kind": kind, "id": record_id, "op": op, **fields}
    return framed(f"{version} {json.dumps(payload, separators=(',', ':'))}")


def name_line(device, seq, name):
    return line(device, seq, "device_name", 1, name=name)


def walk_line(device, seq, record_id, start, end, how="auto", note="", utc_offset=0):
    return line(device, seq, "walk", record_id, start=start, end=end, utc_offset=utc_offset,
                how=how, note=note)


def journal_name(device_name, device, year_month):
    """NAME.ID.YYYY-MM.journal"""
    return f"{device_name}.{device}.{year_month}.journal"
