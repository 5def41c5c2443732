"""Runs the code `capmig map --as python` printed under Debian's twilio-python 7.7.1 with
time.time() frozen at $CAPMIG_FAKE_NOW. If the snippet only assigns `jwt = ...`, print it."""
import os
import re
import sys
import time

now = int(os.environ['CAPMIG_FAKE_NOW'])
time.time = lambda: float(now)
path = sys.argv[1]
with open(path, encoding='utf-8') as f:
    code = f.read()
if 'print(' not in code and re.search(r'^jwt\s*=', code, re.M):
    code += '\nprint(jwt)\n'
exec(compile(code, path, 'exec'), {'__name__': '__main__', '__file__': path})
