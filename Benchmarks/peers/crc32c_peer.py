"""CRC32C throughput of Python's `crc32c` package over the same 4 MiB buffer as
`wal-bench --checksum`: with CRC32C_SW_MODE=force it runs its C slicing-by-8 table code
(the same method as ours), otherwise the SSE 4.2 crc32 instruction. One JSON line."""
import json
import sys
import time

import crc32c

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
buffer = bytes((i * 31) & 0xFF for i in range(4 << 20))
check, rounds = 0, 0
start = time.perf_counter()
while True:
    check = crc32c.crc32c(buffer)
    rounds += 1
    elapsed = time.perf_counter() - start
    if elapsed >= seconds:
        break
impl = "crc32c (SSE 4.2 instruction)" if crc32c.hardware_based else "crc32c (C slicing-by-8 table)"
print(json.dumps({"name": "crc32c.4mib", "impl": impl, "mb_per_s": rounds * len(buffer) / elapsed / 1e6, "check": check}))
