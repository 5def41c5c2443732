#!/usr/bin/python3
"""Generate a large polyglot source tree with planted capability-token constructs.

    bench/gen_tree.py [--out DIR] [--manifest FILE] [--files N] [--seed S]

Writes DIR (default /tmp/capmig-bench-tree, wiped first) as a git work tree (`git init`, no
commit) holding N scanned files (default 105,000, about 1.3 GB) of ordinary-looking code in
js/ts/py/rb/php/java/kt/cs/c/h/cpp/m/swift plus json/yaml/md/log, from 1 KB to ~200 KB, a few
files of several MB, hidden .env files and some binaries. On top of that come directories
capmig must skip: node_modules/, vendor/, a .gitignore'd build/ and dist/, *.min.js and a nested
.gitignore; they hold planted constructs too, which must NOT be reported.

Plants (must be found) are the positive files of samples/legacy/ used as templates: their SIDs,
hex auth tokens, client names and JWTs substituted, a licence header put in front, and filler
code of the same language put after (and, for js/ts/py/rb, also in front), so every finding
moves to a new line; their inline `capmig-expect` annotations give the expected (line,
category). Besides those: capability/TaskRouter/Access JWTs from samples/tokens/ written as
string constants in code and as values in logs, YAML, JSON and Markdown, and hand-rolled
`scope:client:` strings in Java, C#, Kotlin, PHP, Ruby, Swift and C.

Decoys (must NOT be found) are everywhere in the filler: "capability"/"token" words, TaskRouter
capability code, AccessToken + VoiceGrant code, the old API named in comments and docs, JWTs in
comments, an unrelated HS256 JWT, placeholder credentials, the negative files of samples/legacy/,
and binaries. Files over capmig's 10 MB default --max-filesize (an 11 MB log, a 52 MB minified
bundle) hold plants that must be found: capmig searches them by keyword.

The manifest (default /tmp/capmig-bench-plants.json, outside the tree) lists every plant as
{path, line, category}. Same --seed, same tree, byte for byte. Python 3 standard library only.
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "samples", "legacy")
TOKENS = os.path.join(ROOT, "samples", "tokens")

# --------------------------------------------------------------------------------------------
# vocabulary

WORDS = ("user order invoice cache request payload config session queue retry metric report "
         "account customer profile message event handler stream buffer record item price total "
         "count index status result error client server route path file image thumbnail search "
         "filter page limit offset schedule shift agent call conference recording transcript "
         "voicemail contact address region tenant plan feature flag quota usage billing ledger "
         "payment refund webhook callback signature header cookie tokens capabilities permission "
         "role group member team project task job worker batch chunk segment cursor snapshot "
         "audit policy rule setting locale currency timezone device channel topic subscription "
         "notification template render layout widget panel dialog button form field value key "
         "store repository service provider adapter factory builder mapper parser encoder "
         "decoder validator scheduler dispatcher registry loader writer reader").split()
VERBS = ("get set load save fetch update create delete build parse render compute resolve "
         "validate normalize encode decode send receive publish subscribe apply merge split "
         "format emit handle process refresh sync flush reset open close start stop find "
         "collect sort map reduce schedule retry cancel lookup register").split()
NAMES = ("alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy "
         "rupert sybil trent victor walter agent_7 desk_12 kiosk_3 lobby nightshift "
         "reception_b triage oncall").split()
LICENSES = ["Copyright (c) {y} {org}. All rights reserved.",
            "SPDX-License-Identifier: Apache-2.0",
            "Licensed under the MIT License. See LICENSE in the project root.",
            "This file is part of {org} internal tooling. Do not distribute.",
            "Confidential and proprietary. (c) {org} {y}."]
ORGS = ["Acme Telecom", "Northwind Contact", "Globex Support", "Initech CX", "Umbrella Voice"]
COMMENTS = [
    "TODO: remove once the {w} migration is complete",
    "FIXME: this retries forever when the {w} service is down",
    "Keep in sync with the {w} schema in docs/",
    "The {w} capability flag is read from the plan, not the token",
    "Tokens are refreshed by the gateway; see ops runbook",
    "NOTE: {w} values are cached for 5 minutes",
    "Hot path: avoid allocations here",
    "Legacy behaviour kept for the {w} dashboard",
    "Guard against an empty {w} list",
    "capability checks happen upstream in the {w} middleware",
]
STRINGS = ["{w} not found", "invalid {w}", "failed to {v} {w}", "{w} updated", "retrying {w}",
           "token expired for {w}", "missing capability: {w}", "unexpected {w} state",
           "could not {v} the {w}", "{w} is required"]


def camel(r, n=2):
    ws = [r.choice(WORDS) for _ in range(n)]
    return r.choice(VERBS) + "".join(w.capitalize() for w in ws)


def snake(r, n=2):
    return r.choice(VERBS) + "_" + "_".join(r.choice(WORDS) for _ in range(n))


def pascal(r, n=2):
    return "".join(r.choice(WORDS).capitalize() for _ in range(n))


def lower_camel(r, n=2):
    ws = [r.choice(WORDS) for _ in range(n)]
    return ws[0] + "".join(w.capitalize() for w in ws[1:])


def msg(r):
    return r.choice(STRINGS).format(w=r.choice(WORDS), v=r.choice(VERBS))


def comment_text(r):
    return r.choice(COMMENTS).format(w=r.choice(WORDS))


def lic(r):
    return r.choice(LICENSES).format(y=r.randint(2012, 2023), org=r.choice(ORGS))


# --------------------------------------------------------------------------------------------
# tokens (plants) and decoy JWTs

def load_tokens():
    toks = {"capability": [], "access": [], "taskrouter": []}
    for name in sorted(os.listdir(TOKENS)):
        if not name.endswith(".jwt"):
            continue
        t = open(os.path.join(TOKENS, name)).read().strip()
        kind = "access" if "access-token" in name else "taskrouter" if "taskrouter" in name else "capability"
        toks[kind].append(t)
    return toks


# jwt.io's example: decodes, but is no Twilio token: must not be reported.
UNRELATED_JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4g"
                 "RG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
JWT_RE = re.compile(r"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


# --------------------------------------------------------------------------------------------
# filler code, one generator per language: header/unit/footer give a whole file; `appendix`
# gives code that may follow any file of the language at top level.

class Lang:
    ext = "txt"
    line_comment = "#"

    def __init__(self, r):
        self.r = r

    def comment_block(self, lines):
        return "".join(f"{self.line_comment} {l}\n" if l else f"{self.line_comment}\n" for l in lines)

    def licence(self, n):
        r = self.r
        lines = [lic(r), ""]
        while len(lines) < n:
            lines.append(comment_text(r))
        return self.comment_block(lines[:n])

    def header(self, name):
        return ""

    def footer(self, name):
        return ""

    def appendix_open(self, name):
        return ""

    def appendix_close(self, name):
        return ""


class JS(Lang):
    ext = "js"
    line_comment = "//"

    def header(self, name):
        r = self.r
        mods = r.sample(["express", "lodash", "axios", "moment", "uuid", "./db", "./logger", "../config",
                         "./utils/retry", "redis", "pg", "@sentry/node", "./metrics"], r.randint(2, 6))
        out = ["'use strict';\n"]
        for m in mods:
            v = re.sub(r"\W", "", m.split("/")[-1]) or "mod"
            out.append(f"const {v} = require('{m}');\n")
        return "".join(out) + "\n"

    def footer(self, name):
        return f"\nmodule.exports = {{ {', '.join(self.exports[-4:]) if self.exports else name} }};\n"

    def unit(self):
        r = self.r
        k = r.random()
        f = camel(r)
        self.exports = getattr(self, "exports", [])[-8:] + [f]
        a, b = lower_camel(r, 1), lower_camel(r, 2)
        if k < 0.45:
            body = [f"/**\n * {comment_text(r)}.\n * @param {{object}} {a}\n */\n",
                    f"async function {f}({a}, {b} = {{}}) {{\n",
                    f"  if (!{a}) {{\n    throw new Error('{msg(r)}');\n  }}\n",
                    f"  const {lower_camel(r)} = await {a}.{camel(r, 1)}({b}.{r.choice(WORDS)});\n"]
            for _ in range(r.randint(2, 12)):
                x = lower_camel(r, 2)
                body.append(r.choice([
                    f"  const {x} = {b}.{r.choice(WORDS)} || {r.randint(0, 500)};\n",
                    f"  // {comment_text(r)}\n",
                    f"  logger.info(`{msg(r)}: ${{{a}.id}}`);\n",
                    f"  for (const {x} of {a}.{r.choice(WORDS)}s || []) {{\n    {b}[{x}.id] = {x};\n  }}\n",
                    f"  if ({b}.{r.choice(WORDS)} === '{r.choice(WORDS)}') {{\n    return null;\n  }}\n",
                    f"  await metrics.increment('{r.choice(WORDS)}.{r.choice(VERBS)}');\n",
                ]))
            body.append(f"  return {{ ...{b}, {r.choice(WORDS)}: {a}.id }};\n}}\n\n")
            return "".join(body)
        if k < 0.8:
            c = pascal(r)
            out = [f"class {c} {{\n  constructor({a}, options = {{}}) {{\n    this.{a} = {a};\n"
                   f"    this.options = {{ timeout: {r.randint(1, 60) * 1000}, ...options }};\n  }}\n\n"]
            for _ in range(r.randint(2, 7)):
                m = camel(r, 1)
                out.append(f"  {m}({b}) {{\n    // {comment_text(r)}\n"
                           f"    const {lower_camel(r, 1)} = this.{a}.get({b});\n"
                           f"    if (!{b}) return this.options.{r.choice(WORDS)};\n"
                           f"    return this.{a}.{r.choice(VERBS)}({b}, '{msg(r)}');\n  }}\n\n")
            out.append("}\n\n")
            return "".join(out)
        return (f"const {f.upper()}_{r.choice(WORDS).upper()} = Object.freeze({{\n" +
                "".join(f"  {r.choice(WORDS)}{i}: '{msg(r)}',\n" for i in range(r.randint(3, 15))) +
                "});\n\n")

    def jwt_const(self, jwt):
        return f"const FIXTURE_{self.r.choice(WORDS).upper()}_TOKEN =\n  '{jwt}';\n\n", 1


class TS(JS):
    ext = "ts"

    def header(self, name):
        r = self.r
        imps = r.sample(["import express, { Request, Response } from 'express';",
                         "import { Injectable } from '@nestjs/common';",
                         "import { z } from 'zod';", "import type { Logger } from 'pino';",
                         "import { db } from '../db';", "import * as path from 'path';",
                         "import { retry } from './retry';"], r.randint(2, 5))
        return "\n".join(imps) + "\n\n"

    def footer(self, name):
        return ""

    def unit(self):
        r = self.r
        if r.random() < 0.3:
            i = pascal(r)
            return (f"export interface {i} {{\n" +
                    "".join(f"  {lower_camel(r, 1)}{'?' if r.random() < .3 else ''}: "
                            f"{r.choice(['string', 'number', 'boolean', 'Date', 'string[]'])};\n"
                            for _ in range(r.randint(3, 12))) + "}\n\n")
        s = JS.unit(self)
        s = s.replace("async function", "export async function", 1)
        return s.replace("class ", "export class ", 1)

    def jwt_const(self, jwt):
        return f"export const FIXTURE_{self.r.choice(WORDS).upper()}_TOKEN = '{jwt}';\n\n", 0


class Py(Lang):
    ext = "py"

    def header(self, name):
        r = self.r
        mods = r.sample(["os", "sys", "json", "logging", "time", "datetime", "typing", "re",
                         "collections", "functools", "itertools", "pathlib"], r.randint(2, 6))
        out = [f'"""{comment_text(r)}."""\n'] + [f"import {m}\n" for m in sorted(mods)]
        out.append(f"from .{r.choice(WORDS)} import {pascal(r)}\n\nlog = logging.getLogger(__name__)\n\n\n")
        return "".join(out)

    def unit(self):
        r = self.r
        a, b = r.choice(WORDS), snake(r, 1)
        if r.random() < 0.55:
            out = [f"def {snake(r)}({a}, {b}=None, **kwargs):\n",
                   f'    """{comment_text(r)}."""\n',
                   f"    if {a} is None:\n        raise ValueError({msg(r)!r})\n"]
            for _ in range(r.randint(2, 10)):
                x = snake(r, 1)
                out.append(r.choice([
                    f"    {x} = kwargs.get({r.choice(WORDS)!r}, {r.randint(0, 900)})\n",
                    f"    # {comment_text(r)}\n",
                    f"    log.info('%s: %s', {msg(r)!r}, {a})\n",
                    f"    for {x} in getattr({a}, {r.choice(WORDS) + 's'!r}, []):\n        {b} = {b} or {x}\n",
                    f"    if {b} == {r.choice(WORDS)!r}:\n        return None\n",
                ]))
            out.append(f"    return {{'{a}': {a}, '{r.choice(WORDS)}': {b}}}\n\n\n")
            return "".join(out)
        c = pascal(r)
        out = [f"class {c}:\n    \"\"\"{comment_text(r)}.\"\"\"\n\n",
               f"    def __init__(self, {a}, timeout={r.randint(1, 60)}):\n        self.{a} = {a}\n        self.timeout = timeout\n\n"]
        for _ in range(r.randint(2, 6)):
            out.append(f"    def {snake(r, 1)}(self, {b}):\n        # {comment_text(r)}\n"
                       f"        result = self.{a}.{snake(r, 1)}({b}, timeout=self.timeout)\n"
                       f"        if not result:\n            log.warning({msg(r)!r})\n        return result\n\n")
        return "".join(out) + "\n"

    def jwt_const(self, jwt):
        return f"FIXTURE_{self.r.choice(WORDS).upper()}_TOKEN = (\n    '{jwt}'\n)\n\n", 1


class Rb(Lang):
    ext = "rb"

    def header(self, name):
        r = self.r
        return "".join(f"require '{m}'\n" for m in r.sample(
            ["json", "logger", "net/http", "securerandom", "time", "set", "active_support/all"],
            r.randint(1, 4))) + "\n"

    def unit(self):
        r = self.r
        a = r.choice(WORDS)
        out = [f"# {comment_text(r)}\nmodule {pascal(r)}\n  class {pascal(r)}\n"
               f"    attr_reader :{a}\n\n    def initialize({a}, options = {{}})\n      @{a} = {a}\n"
               f"      @options = options\n    end\n\n"]
        for _ in range(r.randint(2, 7)):
            b = r.choice(WORDS)
            out.append(f"    def {snake(r, 1)}({b})\n      # {comment_text(r)}\n"
                       f"      raise ArgumentError, '{msg(r)}' if {b}.nil?\n"
                       f"      @options.fetch(:{r.choice(WORDS)}, {r.randint(0, 99)}) + {b}.to_i\n"
                       f"    rescue StandardError => e\n      Rails.logger.warn(\"{msg(r)}: #{{e.message}}\")\n"
                       f"      nil\n    end\n\n")
        out.append("  end\nend\n\n")
        return "".join(out)

    def jwt_const(self, jwt):
        return f"FIXTURE_{self.r.choice(WORDS).upper()}_TOKEN = '{jwt}'.freeze\n\n", 0


class Php(Lang):
    ext = "php"
    line_comment = "//"

    def header(self, name):
        r = self.r
        return (f"<?php\n\ndeclare(strict_types=1);\n\nnamespace App\\{pascal(r, 1)}\\{pascal(r, 1)};\n\n" +
                "".join(f"use App\\{pascal(r, 1)}\\{pascal(r)};\n" for _ in range(r.randint(1, 5))) + "\n")

    def unit(self):
        r = self.r
        out = [f"/**\n * {comment_text(r)}.\n */\nfinal class {pascal(r)}\n{{\n"
               f"    private array $options;\n\n    public function __construct(array $options = [])\n"
               f"    {{\n        $this->options = $options + ['timeout' => {r.randint(1, 60)}];\n    }}\n\n"]
        for _ in range(r.randint(2, 7)):
            a = r.choice(WORDS)
            out.append(f"    public function {camel(r, 1)}(${a}): ?array\n    {{\n        // {comment_text(r)}\n"
                       f"        if (empty(${a})) {{\n            throw new \\InvalidArgumentException('{msg(r)}');\n        }}\n"
                       f"        return ['{r.choice(WORDS)}' => ${a}, 'limit' => $this->options['timeout'] * {r.randint(2, 9)}];\n    }}\n\n")
        out.append("}\n\n")
        return "".join(out)

    def jwt_const(self, jwt):
        return f"const FIXTURE_{self.r.choice(WORDS).upper()}_TOKEN = '{jwt}';\n\n", 0


class Java(Lang):
    ext = "java"
    line_comment = "//"

    def header(self, name):
        r = self.r
        return (f"package com.{r.choice(ORGS).split()[0].lower()}.{r.choice(WORDS)}.{r.choice(WORDS)};\n\n" +
                "".join(f"import {m};\n" for m in sorted(r.sample(
                    ["java.util.List", "java.util.Map", "java.util.HashMap", "java.util.Optional",
                     "java.time.Instant", "java.io.IOException", "org.slf4j.Logger",
                     "org.slf4j.LoggerFactory", "java.util.concurrent.TimeUnit"], r.randint(3, 7)))) +
                f"\n/**\n * {comment_text(r)}.\n */\npublic class {name} {{\n"
                f"    private static final Logger LOG = LoggerFactory.getLogger({name}.class);\n\n")

    def footer(self, name):
        return "}\n"

    def appendix_open(self, name):
        return f"\nfinal class {name}Support {{\n"

    def appendix_close(self, name):
        return "}\n"

    def unit(self):
        r = self.r
        a, t = lower_camel(r, 1), r.choice(["String", "int", "long", "Map<String, Object>", "List<String>"])
        out = [f"    /** {comment_text(r)}. */\n    public Optional<{pascal(r, 1)}> {camel(r)}({t} {a}, int limit) {{\n"]
        for _ in range(r.randint(2, 9)):
            x = lower_camel(r, 2)
            out.append(r.choice([
                f"        // {comment_text(r)}\n",
                f"        LOG.debug(\"{msg(r)} {{}}\", {a});\n",
                f"        int {x} = Math.max(limit, {r.randint(1, 500)});\n",
                f"        if ({a} == null) {{\n            throw new IllegalArgumentException(\"{msg(r)}\");\n        }}\n",
                f"        for (int i = 0; i < limit; i++) {{\n            {r.choice(WORDS)}Cache.put(i, \"{r.choice(WORDS)}\");\n        }}\n",
            ]))
        out.append("        return Optional.empty();\n    }\n\n")
        return "".join(out)

    def jwt_const(self, jwt):
        return f"    static final String FIXTURE_{self.r.choice(WORDS).upper()}_TOKEN =\n        \"{jwt}\";\n\n", 1


class Kt(Lang):
    ext = "kt"
    line_comment = "//"

    def header(self, name):
        r = self.r
        return (f"package com.{r.choice(WORDS)}.{r.choice(WORDS)}\n\n" +
                "".join(f"import {m}\n" for m in sorted(r.sample(
                    ["kotlinx.coroutines.launch", "android.util.Log", "java.time.Instant",
                     "androidx.lifecycle.ViewModel", "kotlinx.coroutines.flow.Flow"], r.randint(2, 4)))) + "\n")

    def unit(self):
        r = self.r
        c = pascal(r)
        out = [f"// {comment_text(r)}\nclass {c}(private val {r.choice(WORDS)}: String, private val limit: Int = {r.randint(1, 99)}) {{\n"]
        for _ in range(r.randint(2, 6)):
            a = r.choice(WORDS)
            out.append(f"    fun {camel(r, 1)}({a}: String?): Int {{\n        if ({a}.isNullOrEmpty()) {{\n"
                       f"            Log.w(\"{c}\", \"{msg(r)}\")\n            return 0\n        }}\n"
                       f"        // {comment_text(r)}\n        return {a}.length * limit\n    }}\n\n")
        return "".join(out) + "}\n\n"

    def jwt_const(self, jwt):
        return f"const val FIXTURE_{self.r.choice(WORDS).upper()}_TOKEN = \"{jwt}\"\n\n", 0


class CS(Lang):
    ext = "cs"
    line_comment = "//"

    def header(self, name):
        r = self.r
        return ("".join(f"using {m};\n" for m in sorted(r.sample(
            ["System", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks",
             "Microsoft.Extensions.Logging", "Microsoft.AspNetCore.Mvc"], r.randint(2, 5)))) +
                f"\nnamespace {r.choice(ORGS).split()[0]}.{pascal(r, 1)}\n{{\n    public class {name}\n    {{\n")

    def footer(self, name):
        return "    }\n}\n"

    def appendix_open(self, name):
        return f"\ninternal static class {name}Extensions\n{{\n"

    def appendix_close(self, name):
        return "}\n"

    def unit(self):
        r = self.r
        a = lower_camel(r, 1)
        out = [f"        /// <summary>{comment_text(r)}.</summary>\n"
               f"        public async Task<{pascal(r, 1)}> {pascal(r, 2)}Async(string {a}, int limit = {r.randint(1, 99)})\n        {{\n"]
        for _ in range(r.randint(2, 9)):
            out.append(r.choice([
                f"            // {comment_text(r)}\n",
                f"            if (string.IsNullOrEmpty({a})) throw new ArgumentException(\"{msg(r)}\");\n",
                f"            var {lower_camel(r, 2)} = await _{r.choice(WORDS)}Store.GetAsync({a}, limit);\n",
                f"            _logger.LogInformation(\"{msg(r)} {{Value}}\", {a});\n",
            ]))
        out.append("            return null;\n        }\n\n")
        return "".join(out)

    def jwt_const(self, jwt):
        return f"        private const string Fixture{self.r.choice(WORDS).capitalize()}Token = \"{jwt}\";\n\n", 0


class C(Lang):
    ext = "c"
    line_comment = "//"

    def header(self, name):
        r = self.r
        return ("".join(f"#include <{h}>\n" for h in sorted(r.sample(
            ["stdio.h", "stdlib.h", "string.h", "stdint.h", "errno.h", "unistd.h", "pthread.h"], r.randint(2, 5)))) +
                f"#include \"{snake(r, 1)}.h\"\n\n#define {r.choice(WORDS).upper()}_MAX {r.randint(8, 4096)}\n\n")

    def unit(self):
        r = self.r
        a = r.choice(WORDS)
        out = [f"/* {comment_text(r)}. */\nstatic int {snake(r)}(const char *{a}, size_t len)\n{{\n"
               f"    if ({a} == NULL || len == 0) {{\n        fprintf(stderr, \"{msg(r)}\\n\");\n        return -1;\n    }}\n"]
        for _ in range(r.randint(2, 8)):
            out.append(r.choice([
                f"    // {comment_text(r)}\n",
                f"    for (size_t i = 0; i < len; i++) {{\n        if ({a}[i] == '{r.choice('abcxyz')}') return (int)i;\n    }}\n",
                f"    int {r.choice(WORDS)}_{r.randint(0, 9)} = (int)(len * {r.randint(2, 64)}) % {r.randint(3, 97)};\n",
                f"    if (len > {r.randint(64, 8192)}) {{\n        errno = E2BIG;\n        return -1;\n    }}\n",
            ]))
        out.append("    return 0;\n}\n\n")
        return "".join(out)

    def jwt_const(self, jwt):
        return f"static const char *fixture_{self.r.choice(WORDS)}_token =\n    \"{jwt}\";\n\n", 1


class H(C):
    ext = "h"

    def header(self, name):
        g = name.upper() + "_H"
        return f"#ifndef {g}\n#define {g}\n\n#include <stddef.h>\n\n"

    def footer(self, name):
        return f"\n#endif /* {name.upper()}_H */\n"

    def unit(self):
        r = self.r
        return (f"/* {comment_text(r)}. */\ntypedef struct {{\n" +
                "".join(f"    {r.choice(['int', 'size_t', 'const char *', 'double'])} {r.choice(WORDS)}_{i};\n"
                        for i in range(r.randint(2, 9))) +
                f"}} {snake(r, 1)}_t;\n\nint {snake(r)}(const char *in, size_t len);\n\n")


class Cpp(Lang):
    ext = "cpp"
    line_comment = "//"

    def header(self, name):
        r = self.r
        return ("".join(f"#include <{h}>\n" for h in sorted(r.sample(
            ["string", "vector", "map", "memory", "optional", "string_view", "algorithm", "mutex"], r.randint(2, 6)))) +
                f"\nnamespace {r.choice(WORDS)} {{\n\n")

    def footer(self, name):
        return "}  // namespace\n"

    def appendix_open(self, name):
        return f"\nnamespace {name.lower()}_detail {{\n\n"

    def appendix_close(self, name):
        return "}  // namespace\n"

    def unit(self):
        r = self.r
        c = pascal(r)
        out = [f"// {comment_text(r)}.\nclass {c} {{\n public:\n  explicit {c}(std::string {r.choice(WORDS)}) : name_(std::move({r.choice(WORDS)})) {{}}\n\n"]
        for _ in range(r.randint(2, 6)):
            a = r.choice(WORDS)
            out.append(f"  std::optional<int> {camel(r, 1)}(std::string_view {a}) const {{\n"
                       f"    if ({a}.empty()) return std::nullopt;  // {comment_text(r)}\n"
                       f"    return static_cast<int>({a}.size()) * {r.randint(2, 31)};\n  }}\n\n")
        out.append(" private:\n  std::string name_;\n};\n\n")
        return "".join(out)

    def jwt_const(self, jwt):
        return f"constexpr const char* kFixture{self.r.choice(WORDS).capitalize()}Token =\n    \"{jwt}\";\n\n", 1


class ObjC(Lang):
    ext = "m"
    line_comment = "//"

    def header(self, name):
        r = self.r
        return (f"#import <Foundation/Foundation.h>\n#import \"{name}.h\"\n\n@implementation {name}\n\n")

    def footer(self, name):
        return "@end\n"

    def appendix_open(self, name):
        return f"\n@interface {name}Helper : NSObject\n@end\n\n@implementation {name}Helper\n\n"

    def appendix_close(self, name):
        return "@end\n"

    def unit(self):
        r = self.r
        a = r.choice(WORDS)
        out = [f"// {comment_text(r)}.\n- (nullable NSString *){camel(r, 1)}:(NSString *){a} {{\n"
               f"    if ({a}.length == 0) {{\n        NSLog(@\"{msg(r)}\");\n        return nil;\n    }}\n"]
        for _ in range(r.randint(1, 6)):
            out.append(r.choice([
                f"    // {comment_text(r)}\n",
                f"    NSDictionary *{r.choice(WORDS)} = @{{@\"{r.choice(WORDS)}\": {a}, @\"limit\": @({r.randint(1, 99)})}};\n",
                f"    [self.{r.choice(WORDS)}Store {r.choice(VERBS)}:{a} completion:nil];\n",
            ]))
        out.append(f"    return [{a} stringByAppendingString:@\"-{r.choice(WORDS)}\"];\n}}\n\n")
        return "".join(out)

    def jwt_const(self, jwt):
        return f"static NSString * const kFixture{self.r.choice(WORDS).capitalize()}Token =\n    @\"{jwt}\";\n\n", 1


class Swift(Lang):
    ext = "swift"
    line_comment = "//"

    def header(self, name):
        r = self.r
        return "".join(f"import {m}\n" for m in r.sample(["Foundation", "UIKit", "Combine", "os.log"], r.randint(1, 3))) + "\n"

    def unit(self):
        r = self.r
        c = pascal(r)
        out = [f"/// {comment_text(r)}.\nfinal class {c} {{\n    private let {r.choice(WORDS)}: String\n"
               f"    private var cache: [String: Int] = [:]\n\n    init(_ value: String) {{\n"
               f"        self.{r.choice(WORDS)} = value\n    }}\n\n"]
        for _ in range(r.randint(2, 6)):
            a = r.choice(WORDS)
            out.append(f"    func {camel(r, 1)}(_ {a}: String?) -> Int {{\n        guard let {a} = {a}, !{a}.isEmpty else {{\n"
                       f"            print(\"{msg(r)}\")\n            return 0\n        }}\n"
                       f"        // {comment_text(r)}\n        return {a}.count * {r.randint(2, 40)}\n    }}\n\n")
        return "".join(out) + "}\n\n"

    def jwt_const(self, jwt):
        return f"let fixture{self.r.choice(WORDS).capitalize()}Token =\n    \"{jwt}\"\n\n", 1


LANGS = {"js": JS, "ts": TS, "py": Py, "rb": Rb, "php": Php, "java": Java, "kt": Kt, "cs": CS,
         "c": C, "h": H, "cpp": Cpp, "m": ObjC, "swift": Swift}
# Per-file share (the rest, 13 %, are json/yaml/md/log).
WEIGHTS = {"js": 15, "ts": 13, "py": 13, "rb": 6, "php": 6, "java": 10, "kt": 4, "cs": 6, "c": 3,
           "h": 2, "cpp": 4, "m": 2, "swift": 3, "json": 5, "yaml": 3, "md": 3, "log": 2}
TOP = {"js": ["web", "services", "tools"], "ts": ["web", "services", "packages"],
       "py": ["services", "analytics", "scripts"], "rb": ["legacy", "services"], "php": ["legacy", "www"],
       "java": ["backend", "android"], "kt": ["android", "backend"], "cs": ["dotnet"], "c": ["native"],
       "h": ["native"], "cpp": ["native", "engine"], "m": ["ios"], "swift": ["ios"],
       "json": ["config", "fixtures", "web"], "yaml": ["deploy", "config"], "md": ["docs"], "log": ["logs"]}
SUBS = ["src", "lib", "app", "core", "api", "internal", "handlers", "models", "util", "test", "spec",
        "controllers", "views", "jobs", "workers", "adapters", "domain", "infra", "common", "legacy"]

# --------------------------------------------------------------------------------------------
# decoys per language: capability words, TaskRouter, AccessToken + VoiceGrant, the old API in
# comments. None of them may be reported.

DECOYS = {
    "js": [
        "// Old code, removed in 2021:\n//   const capability = new twilio.Capability(accountSid, authToken);\n"
        "//   capability.allowClientIncoming('joey');\n//   Twilio.Device.setup(capability.generate());\n"
        "const twilioClient = require('twilio')(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);\n\n"
        "async function notifyCapabilityChange(user, capability) {\n"
        "  return twilioClient.messages.create({ to: user.phone, from: process.env.SMS_FROM, body: `capability ${capability} enabled` });\n}\n\n",
        "const { AccessToken } = require('twilio').jwt;\nconst { VoiceGrant } = AccessToken;\n\n"
        "function voiceToken(identity) {\n  const grant = new VoiceGrant({ outgoingApplicationSid: process.env.TWILIO_TWIML_APP_SID, incomingAllow: true });\n"
        "  const token = new AccessToken(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_API_KEY, process.env.TWILIO_API_SECRET, { identity, ttl: 3600 });\n"
        "  token.addGrant(grant);\n  return token.toJwt();\n}\n\n",
        "const TaskRouterCapability = require('twilio').jwt.taskrouter.TaskRouterCapability;\n"
        "function workerToken(workspaceSid, workerSid) {\n  const capability = new TaskRouterCapability({\n"
        "    accountSid: process.env.TWILIO_ACCOUNT_SID,\n    authToken: process.env.TWILIO_AUTH_TOKEN,\n"
        "    workspaceSid,\n    channelId: workerSid,\n    ttl: 3600,\n  });\n"
        "  capability.addPolicy(new TaskRouterCapability.Policy({ url: 'https://taskrouter.twilio.com/v1', method: 'GET', allow: true }));\n"
        "  return capability.toJwt();\n}\n\n",
        "// Feature capabilities of a plan; nothing to do with Twilio tokens.\nconst PLAN_CAPABILITIES = { free: ['calls.inbound'], pro: ['calls.outbound'] };\n"
        "function hasCapability(plan, capability) {\n  return (PLAN_CAPABILITIES[plan] || []).includes(capability);\n}\n"
        "function setup(audioDevice) {\n  audioDevice.setup({ echoCancellation: true });\n  return audioDevice;\n}\n\n",
        "// debug token, expired long ago: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDppbmNvbWluZz9jbGllbnROYW1lPWFsaWNlIn0.c2lnbmF0dXJl\n"
        f"const EXAMPLE_JWT = '{UNRELATED_JWT}';\n\n",
    ],
    "py": [
        "# Migrated in 2020; the old call was:\n#   capability = TwilioCapability(account_sid, auth_token)\n"
        "#   capability.allow_client_incoming('joey')\nfrom twilio.jwt.access_token import AccessToken\n"
        "from twilio.jwt.access_token.grants import VoiceGrant\n\n\ndef voice_token(identity):\n"
        "    token = AccessToken(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_API_KEY'], os.environ['TWILIO_API_SECRET'], identity=identity)\n"
        "    token.add_grant(VoiceGrant(outgoing_application_sid=os.environ['TWILIO_APP_SID'], incoming_allow=True))\n"
        "    return token.to_jwt()\n\n\n",
        "from twilio.jwt.taskrouter.capabilities import WorkerCapabilityToken\n\n\ndef worker_token(workspace_sid, worker_sid):\n"
        "    capability = WorkerCapabilityToken(account_sid=os.environ['TWILIO_ACCOUNT_SID'], auth_token=os.environ['TWILIO_AUTH_TOKEN'],\n"
        "                                       workspace_sid=workspace_sid, worker_sid=worker_sid)\n"
        "    capability.allow_update_activities()\n    return capability.to_jwt()\n\n\n",
        "CAPABILITY_HELP = 'ClientCapabilityToken is deprecated; use AccessToken with a VoiceGrant'\n"
        "PLACEHOLDER = {'account_sid': 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'auth_token': 'your_auth_token'}\n\n\n"
        "def has_capability(plan, capability):\n    return capability in PLAN_CAPABILITIES.get(plan, ())\n\n\n",
    ],
    "rb": [
        "# twilio-ruby 4 used Twilio::Util::Capability.new(sid, token); see MIGRATION.md\n"
        "class VoiceTokens\n  def self.for(identity)\n    grant = Twilio::JWT::AccessToken::VoiceGrant.new\n"
        "    grant.outgoing_application_sid = ENV['TWILIO_APP_SID']\n    grant.incoming_allow = true\n"
        "    Twilio::JWT::AccessToken.new(ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_API_KEY'], ENV['TWILIO_API_SECRET'], [grant], identity: identity).to_jwt\n"
        "  end\nend\n\n",
        "class WorkerTokens\n  def self.for(workspace_sid, worker_sid)\n"
        "    capability = Twilio::JWT::TaskRouterCapability.new(ENV['TWILIO_ACCOUNT_SID'], ENV['TWILIO_AUTH_TOKEN'], workspace_sid, worker_sid)\n"
        "    capability.to_s\n  end\nend\n\n",
    ],
    "php": [
        "// Was: $capability = new Services_Twilio_Capability($accountSid, $authToken);\n"
        "final class VoiceTokenFactory\n{\n    public function forIdentity(string $identity): string\n    {\n"
        "        $token = new \\Twilio\\Jwt\\AccessToken(getenv('TWILIO_ACCOUNT_SID'), getenv('TWILIO_API_KEY'), getenv('TWILIO_API_SECRET'), 3600, $identity);\n"
        "        $grant = new \\Twilio\\Jwt\\Grants\\VoiceGrant();\n        $grant->setIncomingAllow(true);\n"
        "        $token->addGrant($grant);\n        return $token->toJWT();\n    }\n}\n\n",
        "final class WorkerTokenFactory\n{\n    public function forWorker(string $workspaceSid, string $workerSid): string\n    {\n"
        "        $capability = new \\Twilio\\Jwt\\TaskRouter\\WorkerCapability(getenv('TWILIO_ACCOUNT_SID'), getenv('TWILIO_AUTH_TOKEN'), $workspaceSid, $workerSid);\n"
        "        $capability->allowActivityUpdates();\n        return $capability->generateToken();\n    }\n}\n\n",
    ],
    "java": [
        "    // Before the migration: new ClientCapability.Builder(ACCOUNT_SID, AUTH_TOKEN).scopes(scopes).build();\n"
        "    public String voiceToken(String identity) {\n        VoiceGrant grant = new VoiceGrant();\n"
        "        grant.setOutgoingApplicationSid(System.getenv(\"TWILIO_APP_SID\"));\n        grant.setIncomingAllow(true);\n"
        "        AccessToken token = new AccessToken.Builder(System.getenv(\"TWILIO_ACCOUNT_SID\"), System.getenv(\"TWILIO_API_KEY\"), System.getenv(\"TWILIO_API_SECRET\"))\n"
        "            .identity(identity).grant(grant).build();\n        return token.toJwt();\n    }\n\n",
        "    public String workerToken(String workspaceSid, String workerSid) {\n"
        "        TaskRouterCapability capability = new TaskRouterCapability.Builder(System.getenv(\"TWILIO_ACCOUNT_SID\"), System.getenv(\"TWILIO_AUTH_TOKEN\"), workspaceSid, workerSid)\n"
        "            .build();\n        return capability.toJwt();\n    }\n\n    enum Capability { READ, WRITE, ADMIN }\n\n",
    ],
    "kt": [
        "// twilio client 1.x: Twilio.createDevice(token, listener) -- replaced by the Voice SDK\n"
        "class VoiceCaller(private val context: android.content.Context) {\n"
        "    fun call(accessToken: String, to: String) =\n"
        "        Voice.connect(context, ConnectOptions.Builder(accessToken).params(mapOf(\"to\" to to)).build(), listener)\n}\n\n",
    ],
    "cs": [
        "        // Was: var capability = new TwilioCapability(accountSid, authToken); capability.AllowClientIncoming(name);\n"
        "        public string VoiceToken(string identity)\n        {\n"
        "            var grant = new VoiceGrant { OutgoingApplicationSid = _appSid, IncomingAllow = true };\n"
        "            var token = new Token(_accountSid, _apiKey, _apiSecret, identity, grants: new HashSet<IGrant> { grant });\n"
        "            return token.ToJwt();\n        }\n\n",
        "        public string WorkerToken(string workspaceSid, string workerSid)\n        {\n"
        "            var capability = new TaskRouterCapability(_accountSid, _authToken, workspaceSid, workerSid);\n"
        "            return capability.ToJwt();\n        }\n\n",
    ],
    "swift": [
        "// Twilio Client 1.x: TCDevice(capabilityToken: token, delegate: self) -- gone with the Voice SDK\n"
        "final class VoiceCaller {\n    func call(accessToken: String, to: String) {\n"
        "        let options = ConnectOptions(accessToken: accessToken) { builder in builder.params = [\"to\": to] }\n"
        "        _ = TwilioVoiceSDK.connect(options: options, delegate: nil)\n    }\n}\n\n",
    ],
    "m": [
        "// Legacy: [[TCDevice alloc] initWithCapabilityToken:token delegate:self] and\n"
        "// [self.device updateCapabilityToken:token] -- removed with the Voice SDK.\n"
        "- (NSString *)capabilityTokenURLString {\n    return @\"https://example.com/capabilityToken\";\n}\n\n",
    ],
    "c": [
        "/* The old signer built \"scope:client:incoming?clientName=%s\" here; see git history. */\n"
        "static const char *capability_names[] = {\"read\", \"write\", \"admin\"};\n\n",
    ],
}
DECOYS["ts"] = DECOYS["js"]
DECOYS["cpp"] = DECOYS["c"]


# --------------------------------------------------------------------------------------------
# hand-rolled scope strings (plants) in languages the samples do not cover; the literal is on
# the returned line offset.

SCOPE_PLANTS = {
    "java": ("    static String outgoingScope(String appSid, String name) {{\n"
             "        return \"scope:client:outgoing?appSid=\" + appSid + \"&clientName=\" + name;\n    }}\n\n", 1),
    "cs": ("        private static string IncomingScope(string name) =>\n"
           "            \"scope:client:incoming?clientName=\" + name;\n\n", 1),
    "kt": ("fun incomingScope(name: String) =\n    \"scope:client:incoming?clientName=$name\"\n\n", 1),
    "php": ("function legacy_scope(string $app, string $name): string\n{{\n"
            "    return 'scope:client:outgoing?appSid=' . $app . '&clientName=' . $name;\n}}\n\n", 2),
    "rb": ("def legacy_scope(name)\n  \"scope:client:incoming?clientName=#{{name}}\"\nend\n\n", 1),
    "swift": ("func incomingScope(_ name: String) -> String {{\n    return \"scope:client:incoming?clientName=\\(name)\"\n}}\n\n", 1),
    "c": ("static const char scope_fmt[] =\n    \"scope:client:outgoing?appSid={app}&clientName=%s\";\n\n", 1),
}


# --------------------------------------------------------------------------------------------
# text files

class Text:
    def __init__(self, r, toks):
        self.r, self.toks = r, toks

    def any_jwt(self):
        r = self.r
        k = r.choices(["capability", "access", "taskrouter"], [6, 2, 1])[0]
        return r.choice(self.toks[k])

    def log_line(self, ts):
        r = self.r
        lvl = r.choices(["INFO ", "DEBUG", "WARN ", "ERROR"], [60, 25, 10, 5])[0]
        comp = r.choice(["http", "token", "db", "queue", "auth", "worker", "cache", "billing"])
        w = r.choice(WORDS)
        m = r.choice([
            f"GET /api/v2/{w}s/{r.randint(1, 99999)} 200 {r.randint(1, 900)}ms",
            f"POST /api/v2/{w} 201 {r.randint(1, 900)}ms req={r.getrandbits(48):012x}",
            f"{msg(r)} user={r.choice(NAMES)} attempt={r.randint(1, 5)}",
            f"capability token refresh scheduled for user={r.choice(NAMES)} in {r.randint(60, 900)}s",
            f"job {snake(r, 1)} finished in {r.random() * 9:.3f}s rows={r.randint(0, 99999)}",
            f"cache miss key={w}:{r.getrandbits(32):08x}",
        ])
        return f"{time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(ts))}.{r.randint(0, 999):03d}Z {lvl} [{comp}] {m}\n"

    def log(self, target, plants):
        """plants: number of JWT lines to plant; returns text, [(line, category)], decoy lines."""
        r = self.r
        ts = r.randint(1_500_000_000, 1_690_000_000)
        out, size, line, found = [], 0, 0, []
        plant_at = set()
        est = max(2, target // 95)
        while len(plant_at) < min(plants, est - 1):
            plant_at.add(r.randint(1, est - 1))
        while size < target:
            ts += r.randint(0, 3)
            if line in plant_at:
                s = (f"{time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(ts))}.000Z DEBUG [token] issued "
                     f"token={self.any_jwt()} user={r.choice(NAMES)}\n")
                found.append((line + 1, "embedded-token"))
            elif r.random() < 0.002:
                s = f"{time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(ts))}.000Z DEBUG [auth] upstream jwt={UNRELATED_JWT}\n"
            else:
                s = self.log_line(ts)
            out.append(s)
            size += len(s)
            line += 1
        return "".join(out), found

    def yaml(self, target, plants):
        r = self.r
        out, size, line, found = [f"# {comment_text(r)}\n"], 0, 1, []
        left = plants
        while size < target:
            sec = r.choice(WORDS)
            block = [f"{sec}_{r.randint(0, 999)}:\n"]
            for _ in range(r.randint(2, 12)):
                block.append(r.choice([
                    f"  {r.choice(WORDS)}: {r.randint(0, 9999)}\n",
                    f"  {r.choice(WORDS)}_url: https://{r.choice(WORDS)}.internal/{r.choice(WORDS)}\n",
                    f"  # {comment_text(r)}\n",
                    f"  {r.choice(WORDS)}: \"{msg(r)}\"\n",
                    f"  enabled: {r.choice(['true', 'false'])}\n",
                ]))
            if left and r.random() < 0.3:
                block.append(f"  debug_token: {self.any_jwt()}\n")
                found.append((line + len(block), "embedded-token"))
                left -= 1
            s = "".join(block)
            out.append(s)
            size += len(s)
            line += len(block)
        return "".join(out), found

    def json(self, target, plants):
        r = self.r
        out, size, line, found = ["{\n  \"items\": [\n"], 0, 2, []
        left = plants
        first = True
        while size < target:
            fields = [f"      \"id\": {r.randint(1, 10**7)}", f"      \"{r.choice(WORDS)}\": \"{msg(r)}\"",
                      f"      \"{r.choice(WORDS)}\": {r.randint(0, 9999)}",
                      f"      \"{r.choice(WORDS)}\": {r.choice(['true', 'false', 'null'])}"]
            r.shuffle(fields)
            fields = fields[:r.randint(2, 4)]
            jl = None
            if left and r.random() < 0.3:
                fields.append(f"      \"token\": \"{self.any_jwt()}\"")
                jl = len(fields)
                left -= 1
            s = ("" if first else ",\n") + "    {\n" + ",\n".join(fields) + "\n    }"
            if jl:
                found.append((line + (0 if first else 1) + 1 + jl, "embedded-token"))
            line += s.count("\n")
            first = False
            out.append(s)
            size += len(s)
        out.append("\n  ]\n}\n")
        return "".join(out), found

    def md(self, target, plants):
        r = self.r
        out, size, line, found = [f"# {pascal(r)} service\n\n"], 0, 2, []
        left = plants
        while size < target:
            block = [f"## {r.choice(VERBS).capitalize()} {r.choice(WORDS)}s\n", "\n",
                     f"{comment_text(r)}. The {r.choice(WORDS)} capability is checked per request; "
                     f"tokens come from the gateway.\n", "\n"]
            c = r.random()
            if c < 0.15:
                block += ["Before the migration we minted tokens with `new twilio.Capability(sid, token)` and\n",
                          "`capability.allowClientIncoming(name)`; clients called `Twilio.Device.setup(token)`.\n", "\n"]
            elif c < 0.5:
                block += ["```bash\n", f"curl -s https://{r.choice(WORDS)}.internal/api/{r.choice(WORDS)} \\\n",
                          f"  -H 'Authorization: Bearer $TOKEN' | jq .{r.choice(WORDS)}\n", "```\n", "\n"]
            if left and r.random() < 0.4:
                block += ["A recorded token from the staging softphone:\n", "\n", "```\n",
                          f"{self.any_jwt()}\n", "```\n", "\n"]
                found.append((line + len(block) - 2, "embedded-token"))
                left -= 1
            s = "".join(block)
            out.append(s)
            size += len(s)
            line += len(block)
        return "".join(out), found


# --------------------------------------------------------------------------------------------
# sample templates

ANNOT = re.compile(r"capmig-expect(-next-line)?:\s*([A-Za-z0-9_,?.\-+%=; ]*)")
EXT_LANG = {"js": "js", "mjs": "js", "ts": "ts", "py": "py", "rb": "rb", "php": "php", "java": "java",
            "kt": "kt", "cs": "cs", "cpp": "cpp", "m": "m", "swift": "swift"}


def load_samples():
    pos, neg = [], []
    for dp, dn, fn in sorted(os.walk(SAMPLES)):
        dn.sort()
        for f in sorted(fn):
            if f == "README.md":
                continue
            p = os.path.join(dp, f)
            text = open(p, encoding="utf-8").read()
            exp = []
            for i, l in enumerate(text.split("\n"), 1):
                m = ANNOT.search(l)
                if not m:
                    continue
                for e in m.group(2).split(";"):
                    words = e.split()  # rule-id category key=value...
                    cat = words[1] if len(words) > 1 else ""
                    if cat:
                        exp.append((i + 1 if m.group(1) else i, cat))
            rel = os.path.relpath(p, SAMPLES)
            (pos if exp else neg).append({"rel": rel, "name": f, "text": text, "expect": exp})
    return pos, neg


SID_RE = re.compile(r"\b(AC|AP|SK|WS|WK)([0-9a-f]{32})\b")
HEX_RE = re.compile(r"(['\"])([0-9a-f]{32})\1")
NAME_RE = re.compile(r"(['\"])(alice|bob|carol|reception|supervisor|support_desk|boardroom)\1")


def substitute(r, text, toks, tokmap):
    def sid(m):
        return m.group(1) + "%032x" % r.getrandbits(128)

    def hexlit(m):
        v = m.group(2)
        if any(v == (v[:p] * 32)[:32] for p in range(1, 17)):
            return m.group(0)  # a periodic dummy stays one: it is a decoy, not a secret
        return m.group(1) + "%032x" % r.getrandbits(128) + m.group(1)

    def jwt(m):
        kind = tokmap.get(m.group(0))
        return r.choice(toks[kind]) if kind else m.group(0)

    text = SID_RE.sub(sid, text)
    text = HEX_RE.sub(hexlit, text)
    text = JWT_RE.sub(jwt, text)
    if "eyJ" not in text:
        text = NAME_RE.sub(lambda m: m.group(1) + r.choice(NAMES) + m.group(1), text)
    # The annotations stay comments; only their marker is renamed.
    return text.replace("capmig-expect", "review-note")


# --------------------------------------------------------------------------------------------

class Gen:
    def __init__(self, args):
        self.args = args
        self.r = random.Random(args.seed)
        self.out = args.out
        self.toks = load_tokens()
        self.tokmap = {t: k for k, ts in self.toks.items() for t in ts}
        self.pos, self.neg = load_samples()
        self.langs = {k: cls(random.Random(args.seed * 1000 + i)) for i, (k, cls) in enumerate(LANGS.items())}
        self.text = Text(random.Random(args.seed + 7), self.toks)
        self.pools = {}
        self.used = set()
        self.dirs = {}
        self.vendor_parents = set()
        self.plants = []         # must be found
        self.ignored_plants = 0  # plants in skipped places: must not be found
        self.files = 0           # files capmig should read (not ignored, not binary)
        self.bytes = 0
        self.ignored_files = 0
        self.ignored_bytes = 0
        self.binary_files = 0
        self.decoy_units = 0

    # ---- pools: many units per language, combined per file
    def pool(self, lang):
        if lang not in self.pools:
            g = self.langs[lang]
            self.pools[lang] = [g.unit() for _ in range(self.args.pool)]
        return self.pools[lang]

    def size(self):
        r = self.r
        x = r.random()
        if x < 0.70:
            lo, hi = 1000, 8000
        elif x < 0.95:
            lo, hi = 8000, 40000
        else:
            lo, hi = 40000, 200000
        return int(lo * (hi / lo) ** r.random())

    def code_body(self, lang, target, decoys=True):
        """Units of filler up to about target bytes; returns a list of pieces. One file in
        twenty gets one or two decoy units (TaskRouter, AccessToken, old API in comments)."""
        r = self.r
        pool = self.pool(lang)
        pieces, size = [], 0
        while size < target:
            u = pool[r.randrange(len(pool))]
            pieces.append(u)
            size += len(u)
        dec = DECOYS.get(lang, [])
        if decoys and dec and r.random() < 0.05:
            for _ in range(r.randint(1, 2)):
                pieces.insert(r.randint(0, len(pieces)), r.choice(dec))
                self.decoy_units += 1
        return pieces

    # ---- paths
    def dirname(self, kind, ignored=None):
        r = self.r
        key = (kind, ignored)
        lst = self.dirs.setdefault(key, [])
        if not lst or (len(lst) < 4000 and r.random() < 0.02):
            top = r.choice(TOP[kind])
            proj = f"{r.choice(WORDS)}-{r.choice(WORDS)}"
            depth = r.randint(1, 4)
            d = [top, proj] + [r.choice(SUBS) if i == 0 else r.choice(WORDS + SUBS) for i in range(depth)]
            if ignored:
                at = r.randint(2, len(d))
                d.insert(at, ignored)
                if ignored == "vendor":  # SPEC: a vendor/ is a dependency directory beside a manifest
                    self.vendor_parents.add("/".join(d[:at]))
            lst.append("/".join(d))
        return r.choice(lst)

    def filename(self, kind, d, ext=None):
        r = self.r
        ext = ext or kind
        for _ in range(100):
            if kind in ("java", "kt", "cs", "swift", "m"):
                stem = pascal(r, r.randint(1, 3))
            elif kind in ("js", "ts"):
                stem = lower_camel(r, r.randint(1, 3)) + (r.choice(["", "", ".spec", ".test"]))
            elif kind == "log":
                stem = f"{r.choice(WORDS)}-{r.randint(2017, 2023)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
            else:
                stem = "_".join(r.choice(WORDS) for _ in range(r.randint(1, 3)))
            p = f"{d}/{stem}.{ext}"
            if p not in self.used:
                self.used.add(p)
                return p
            stem += str(r.randint(2, 99))
            p = f"{d}/{stem}.{ext}"
            if p not in self.used:
                self.used.add(p)
                return p
        raise RuntimeError("no free name")

    def write(self, rel, data, counted=True, mode="w"):
        p = os.path.join(self.out, rel)
        d = os.path.dirname(p)
        if d not in self.made:
            os.makedirs(d, exist_ok=True)
            self.made.add(d)
        if mode == "w":
            with open(p, "w", encoding="utf-8", newline="") as f:
                f.write(data)
            n = len(data.encode("utf-8")) if not data.isascii() else len(data)
        else:
            with open(p, "wb") as f:
                f.write(data)
            n = len(data)
        if counted:
            self.files += 1
            self.bytes += n
        else:
            self.ignored_files += 1
            self.ignored_bytes += n

    # ---- files
    def code_file(self, lang, target, plant=None):
        """A whole filler file. plant: None, 'jwt' or 'scope'. Returns (text, [(line, cat)])."""
        g = self.langs[lang]
        r = self.r
        name = pascal(r, 2)
        pre = g.licence(r.randint(0, 6)) + g.header(name)
        body = self.code_body(lang, target)
        found = []
        if plant:
            at = r.randint(0, len(body))
            if plant == "jwt":
                jwt = r.choice(self.toks[r.choices(["capability", "access", "taskrouter"], [6, 2, 1])[0]])
                snippet, off = g.jwt_const(jwt)
            else:
                tmpl, off = SCOPE_PLANTS[lang]
                snippet = tmpl.format(app="AP%032x" % r.getrandbits(128))
            line = 1 + pre.count("\n") + sum(p.count("\n") for p in body[:at]) + off
            found.append((line, "embedded-token" if plant == "jwt" else "capability-mint"))
            body.insert(at, snippet)
        return pre + "".join(body) + g.footer(name), found

    def sample_file(self, s, extra):
        """A positive or negative sample as a template. Returns (text, [(line, cat)], ext)."""
        r = self.r
        ext = s["name"].rsplit(".", 1)[-1] if "." in s["name"].lstrip(".") else s["name"]
        text = substitute(r, s["text"], self.toks, self.tokmap)
        lang = EXT_LANG.get(ext)
        shift, tail = 0, ""
        if lang:
            g = self.langs[lang]
            head = g.licence(r.randint(1, 8))
            if lang in ("js", "ts", "py", "rb"):
                # filler in front too: the construct sits deep in the file
                head += "".join(self.code_body(lang, r.randint(0, extra), decoys=False))
            if lang == "php":
                first, rest = text.split("\n", 1)
                ends_html = rest.rstrip().endswith(("?>", "</html>"))
                text = first + "\n" + head + rest
                shift = head.count("\n")
                if not ends_html:
                    tail = "\n" + "".join(self.code_body(lang, extra))
            else:
                text = head + text
                shift = head.count("\n")
                nm = pascal(r, 2)
                tail = g.appendix_open(nm) + "".join(self.code_body(lang, extra)) + g.appendix_close(nm)
            if not text.endswith("\n"):
                text += "\n"
            text += tail
        elif ext == "log":
            pre, _ = self.text.log(r.randint(0, extra), 0)
            post, _ = self.text.log(extra, 0)
            text = pre + text + post
            shift = pre.count("\n")
        elif ext in ("yaml", "yml"):
            head = f"# {comment_text(r)}\n# {comment_text(r)}\n"
            text = head + text
            shift = 2
        elif s["name"].startswith(".env"):
            head = "".join(f"# {comment_text(r)}\n" for _ in range(r.randint(1, 5)))
            text = head + text + "".join(f"{r.choice(WORDS).upper()}_{r.choice(WORDS).upper()}={r.randint(0, 9999)}\n"
                                         for _ in range(r.randint(2, 20)))
            shift = head.count("\n")
        return text, [(l + shift, c) for l, c in s["expect"]], ext

    def sample_dir_kind(self, s, ext):
        if ext in EXT_LANG:
            return EXT_LANG[ext]
        if ext == "log":
            return "log"
        if ext in ("yaml", "yml"):
            return "yaml"
        if ext == "json":
            return "json"
        return "yaml"  # .env lives beside the deploy config

    def place_sample(self, s, ignored=None, hidden_ok=True):
        r = self.r
        text, exp, ext = self.sample_file(s, self.size())
        kind = self.sample_dir_kind(s, ext)
        d = self.dirname(kind, ignored)
        if s["name"].startswith("."):
            rel = f"{d}/{s['name']}"
            if rel in self.used:
                rel = f"{d}/{s['name']}.{r.choice(['local', 'staging', 'dev'])}{r.randint(2, 999)}"
            if rel in self.used:
                return
            self.used.add(rel)
        else:
            # keep compound suffixes (.spec.js) and the extension
            stem = s["name"].rsplit(".", 1)[0]
            suffix = ".spec" if stem.endswith(".spec") else ""
            rel = self.filename(kind, d, ext)
            if suffix and not rel.endswith(".spec." + ext):
                rel = rel[: -len(ext) - 1] + ".spec." + ext
                if rel in self.used:
                    return
                self.used.add(rel)
        if ignored:
            self.write(rel, text, counted=False)
            self.ignored_plants += len(exp)
            return
        self.write(rel, text)
        for line, cat in exp:
            self.plants.append({"path": rel, "line": line, "category": cat, "source": s["rel"]})

    def run(self):
        a, r = self.args, self.r
        t0 = time.time()
        if os.path.exists(self.out):
            shutil.rmtree(self.out)
        os.makedirs(self.out)
        self.made = {self.out}
        subprocess.run(["git", "init", "-q", self.out], check=True)
        self.write(".gitignore", "# build output\nbuild/\ndist/\ncoverage/\n*.min.js\n*.pyc\n__pycache__/\n.DS_Store\n"
                   "/tmp/\n", counted=True)

        n_total = a.files
        # plants from the samples: every positive file, a.copies times; negatives as decoys
        jobs = []
        for s in self.pos:
            jobs += [("sample", s)] * a.copies
        for s in self.neg:
            jobs += [("sample", s)] * max(1, a.copies // 2)
        n_code_jwt = a.copies * 6
        n_scope = a.copies
        jobs += [("code-jwt", None)] * n_code_jwt
        jobs += [("scope", None)] * (n_scope * len(SCOPE_PLANTS))
        n_big = 12
        n_plain = n_total - len(jobs) - n_big - 1  # .gitignore
        kinds = list(WEIGHTS)
        weights = [WEIGHTS[k] for k in kinds]
        jobs += [("plain", None)] * n_plain
        r.shuffle(jobs)

        code_langs = [k for k in LANGS]
        jwt_langs = [k for k in LANGS if hasattr(LANGS[k], "jwt_const") and k != "h"]
        scope_langs = list(SCOPE_PLANTS)
        scope_i = 0
        done = 0
        for job, s in jobs:
            done += 1
            if done % 10000 == 0:
                print(f"  {done}/{len(jobs)} files, {self.bytes / 1e9:.2f} GB, {time.time() - t0:.0f}s", file=sys.stderr)
            if job == "sample":
                self.place_sample(s)
                continue
            if job == "code-jwt":
                lang = r.choice(jwt_langs)
                text, found = self.code_file(lang, self.size(), plant="jwt")
            elif job == "scope":
                lang = scope_langs[scope_i % len(scope_langs)]
                scope_i += 1
                text, found = self.code_file(lang, self.size(), plant="scope")
            else:
                lang = r.choices(kinds, weights)[0]
                tgt = self.size()
                if lang in LANGS:
                    text, found = self.code_file(lang, tgt)
                else:
                    np = 1 if r.random() < 0.08 else 0
                    text, found = getattr(self.text, lang)(tgt, np)
            rel = self.filename(lang, self.dirname(lang))
            self.write(rel, text)
            for line, cat in found:
                self.plants.append({"path": rel, "line": line, "category": cat, "source": f"generated-{job}"})

        # a few big files of several MB: logs with tokens, a JS bundle with a sample in it,
        # a JSON fixture dump; and one over capmig's default 10 MB limit (skipped by both tools)
        for i in range(n_big):
            kind = ["log", "log", "log", "json", "json", "js", "js", "py", "java", "md", "yaml", "ts"][i]
            tgt = int(r.uniform(2e6, 8e6))
            if kind in ("log", "json", "md", "yaml"):
                text, found = getattr(self.text, kind)(tgt, r.randint(1, 4))
            else:
                text, found = self.code_file(kind, tgt, plant="jwt")
            rel = self.filename(kind, self.dirname(kind))
            self.write(rel, text)
            for line, cat in found:
                self.plants.append({"path": rel, "line": line, "category": cat, "source": "generated-big"})
        # over capmig's default --max-filesize: searched by keyword all the same, so its plants count
        text, found = self.text.log(11 * 1024 * 1024, 3)
        rel = self.filename("log", "logs/archive")
        self.write(rel, text)
        for line, cat in found:
            self.plants.append({"path": rel, "line": line, "category": cat, "source": "generated-over-max-filesize"})

        # skipped: node_modules/, vendor/, build/ (gitignored), dist/ (gitignored), *.min.js,
        # and a nested .gitignore
        n_ign = max(50, n_total // 30)
        for i in range(n_ign):
            where = r.choice(["node_modules", "node_modules", "vendor", "build", "dist", "min", "nested"])
            if i % 10 == 0:
                s = r.choice(self.pos)
                if where in ("min", "nested"):
                    where = "build"
                self.place_sample(s, ignored=where)
                continue
            lang = {"node_modules": "js", "vendor": r.choice(["php", "rb", "c"]), "build": r.choice(["java", "kt", "js"]),
                    "dist": "js", "min": "js", "nested": "py"}[where]
            text, _ = self.code_file(lang, self.size() // 2)
            if where == "min":
                rel = self.filename("js", self.dirname("js"), "min.js")
            elif where == "nested":
                rel = self.filename("py", "analytics/notebooks/generated", "py")
            else:
                rel = self.filename(lang, self.dirname(lang, where))
            self.write(rel, text, counted=False)
        self.write("analytics/notebooks/.gitignore", "/generated/\n*.ipynb_checkpoints\n", counted=True)
        # make sure the nested ignored directory holds a plant too
        s = next(x for x in self.pos if x["name"].endswith(".py"))
        text, exp, _ = self.sample_file(s, 2000)
        self.write("analytics/notebooks/generated/token_cell.py", text, counted=False)
        self.ignored_plants += len(exp)

        # binaries: NUL bytes up front, capability text inside; skipped by both tools
        jwt = self.toks["capability"][0].encode()
        for i in range(a.binaries):
            ext = r.choice(["png", "so", "jar", "woff2", "pyc", "class", "sqlite"])
            blob = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + r.randbytes(r.randint(500, 60000)) +
                    b"new ClientCapability(" + jwt + b"TwilioCapability" + r.randbytes(r.randint(100, 9000)))
            kind = r.choice(["js", "java", "swift", "py", "md"])
            rel = self.filename(kind, self.dirname(kind), ext)
            self.write(rel, blob, counted=False, mode="wb")
            self.binary_files += 1

        # the manifests that make those vendor/ directories a package manager's (no randomness:
        # the rest of the tree stays as it was)
        for parent in sorted(self.vendor_parents):
            self.write(parent + "/composer.json", '{"require": {}}\n')

        # a 52 MB minified bundle, one line, with a capability mint near its end: over the
        # default --max-filesize, found by the keyword pass and the lexer run around the hit
        mint = ("const twilio=require('twilio');const ClientCapability=twilio.jwt.ClientCapability;"
                "const capability=new ClientCapability({accountSid:'AC0123456789abcdef0123456789abcdef',"
                "authToken:process.env.TWILIO_AUTH_TOKEN});"
                "capability.addScope(new ClientCapability.IncomingClientScope('agent'));"
                "module.exports=capability.toJwt();")
        unit = "function n(e,t){return e&&t?e.concat(t):e||t}var o={a:1,b:[2,3],c:\"str\"};"
        bundle = unit * (52 * 1024 * 1024 // len(unit)) + mint + "\n"
        self.write("web/static/js/app.bundle.js", bundle)
        self.plants.append({"path": "web/static/js/app.bundle.js", "line": 1, "category": "capability-mint",
                            "source": "generated-minified-bundle"})

        plants = sorted(self.plants, key=lambda p: (p["path"], p["line"], p["category"]))
        meta = {"tree": self.out, "seed": a.seed, "files_scanned_expected": self.files,
                "bytes_scanned_expected": self.bytes, "ignored_files": self.ignored_files,
                "ignored_bytes": self.ignored_bytes, "binary_files": self.binary_files,
                "ignored_plants": self.ignored_plants, "decoy_units": self.decoy_units,
                "plants": plants}
        with open(a.manifest, "w") as f:
            json.dump(meta, f, indent=1)
        cats = {}
        for p in plants:
            cats[p["category"]] = cats.get(p["category"], 0) + 1
        print(f"wrote {self.out}: {self.files} files / {self.bytes / 1e9:.3f} GB to scan, "
              f"{self.ignored_files} skipped-by-design files ({self.ignored_bytes / 1e6:.0f} MB), "
              f"{self.binary_files} binaries; {len(plants)} plants {cats}, {self.ignored_plants} plants in "
              f"skipped places, {self.decoy_units} decoy units; manifest {a.manifest}; {time.time() - t0:.0f}s",
              file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="/tmp/capmig-bench-tree")
    ap.add_argument("--manifest", default="/tmp/capmig-bench-plants.json")
    ap.add_argument("--files", type=int, default=105_000, help="files to scan (default 105000)")
    ap.add_argument("--copies", type=int, default=30, help="copies of each positive sample (default 30)")
    ap.add_argument("--binaries", type=int, default=150)
    ap.add_argument("--pool", type=int, default=1500, help="filler units generated per language")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if os.path.realpath(a.manifest).startswith(os.path.realpath(a.out) + os.sep):
        ap.error("the manifest must be outside the tree")
    Gen(a).run()


if __name__ == "__main__":
    main()
