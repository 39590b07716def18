#!/usr/bin/env python3
"""Writes a routing file with N routers: router i matches Path(`/r<i>`) and goes to the bench backend with a
replacePath to /1k. The last-declared route is /r<N-1>."""
import sys

n = int(sys.argv[1])
out = sys.argv[2]
backend = sys.argv[3] if len(sys.argv) > 3 else "http://127.0.0.1:18080"
with open(out, "w") as f:
    f.write("http:\n  routers:\n")
    for i in range(n):
        f.write(f"    r{i}:\n      rule: \"Path(`/r{i}`)\"\n      middlewares: [to1k]\n      service: backend\n")
    f.write("  middlewares:\n    to1k:\n      replacePath:\n        path: /1k\n")
    f.write(f"  services:\n    backend:\n      loadBalancer:\n        servers:\n          - url: \"{backend}\"\n")
