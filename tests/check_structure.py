#!/usr/bin/env python3
"""Checks the structure the README's "How it fits together" describes, on include/:

  - every header and definition file (.ipp, which belongs to its header) sits in a layer, and
    includes only files of its own layer or below: the includes form one-way layers;
  - no include cycle between files of one layer;
  - no file of more than 600 lines;
  - every .ipp is listed in <awsdirect/src.hpp>, and nothing else is, with its own header;
  - <regex> nowhere, <filesystem> only in definitions; curl only in the curl transport's
    definitions, OpenSSL only in the crypto's, zlib only in the checksums';
  - no namespace-scope variable with a dynamic initializer in a header.

usage: check_structure.py INCLUDE_DIR
"""
import os
import re
import sys

LAYERS = [
    ('build mode and version', ['detail/build_mode.hpp', 'version.hpp']),
    ('basics', ['detail/text.hpp', 'detail/ip.hpp', 'http.hpp', 'error.hpp', 'transport.hpp', 'uri.hpp', 'time.hpp',
                'secret.hpp', 'validate.hpp', 'detail/json.hpp', 'detail/files.hpp', 'log.hpp']),
    ('crypto and signing', ['crypto.hpp', 'checksum.hpp', 'sigv4.hpp']),
    ('environment and shared config files', ['environment.hpp', 'detail/ini.hpp', 'shared_config.hpp',
                                             'credentials_file.hpp']),
    ('credentials', ['credentials.hpp', 'detail/process.hpp', 'credentials/process.hpp', 'credentials/chain.hpp']),
    ('client configuration and endpoints', ['endpoints.hpp', 'config.hpp']),
    ('transport', ['curl_transport.hpp', 'fixtures/redaction.hpp', 'fixtures/file.hpp', 'fixtures/matching.hpp',
                   'fixtures/transports.hpp', 'fixtures/switch.hpp', 'default_transport.hpp']),
    ('credentials from the network', ['credentials/metadata.hpp', 'credentials/sso.hpp']),
    ('protocols and the pipeline', ['result.hpp', 'request.hpp', 'xml.hpp', 'query.hpp', 'rest_xml.hpp', 'json_protocol.hpp', 'rate_limiter.hpp', 'retry.hpp', 'waiter.hpp', 'policy.hpp',
                                    'pipeline.hpp', 'assume_role.hpp', 'credentials/web_identity.hpp',
                                    'credentials/default_chain.hpp', 'client.hpp', 'json_client.hpp']),
    ('services', ['cloudformation.hpp', 'redshift/common.hpp', 'redshift.hpp', 'redshift_data.hpp', 'secrets_manager.hpp', 'iam/common.hpp', 'iam/roles.hpp', 'iam/users.hpp', 'iam/policies.hpp', 'iam.hpp', 'sts.hpp', 'ec2/common.hpp', 'ec2/security_groups.hpp', 'ec2/resources.hpp', 'ec2.hpp', 'rds/common.hpp', 'rds.hpp', 's3/common.hpp', 's3/buckets.hpp',
                  's3/objects.hpp', 's3/multipart.hpp', 's3/versions.hpp', 's3/configuration.hpp', 's3/object_attributes.hpp', 's3/client.hpp']),
    ('tooling and aggregates', ['fixtures.hpp', 's3/transfer.hpp', 's3.hpp', 'iac/blueprint.hpp', 'iac/resources.hpp', 'iac/databases.hpp', 'iac/stack.hpp', 'iac/data.hpp', 'iac/cloudformation.hpp',
                                '../awsdirect.hpp']),
]
MAX_LINES = 600


def namespace_scope_statements(text):
    """The statements written directly in a namespace (or at file scope), comments, strings and
    preprocessor lines removed: what could define a variable with a dynamic initializer."""
    text = re.sub(r'//[^\n]*|/\*.*?\*/', ' ', text, flags=re.S)
    text = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '""', text)
    text = re.sub(r'^#[^\n]*', ' ', text, flags=re.M)
    statements, current, stack = [], '', []
    for c in text:
        in_namespace = all(kind == 'namespace' for kind in stack)
        if c == '{':
            if in_namespace and re.search(r'namespace\s*\w*\s*$', current):
                stack.append('namespace')
                current = ''
            else:
                # A body (function, class) or a braced initializer: only an initializer follows '='.
                stack.append('initializer' if in_namespace and '=' in current else 'other' if in_namespace else 'inner')
                if in_namespace:
                    current += c
            continue
        if c == '}':
            kind = stack.pop() if stack else 'namespace'
            if kind == 'namespace':
                current = ''
            elif kind == 'other':
                current = ''  # a function or class body ends its declaration
            elif kind == 'initializer':
                current += c
            continue
        if in_namespace:
            if c == ';':
                if current.strip():
                    statements.append(' '.join(current.split()))
                current = ''
            else:
                current += c
    return statements


def without_template_parameters(statement):
    """The statement without its template parameter lists, whose defaults ('class = void') are
    not initializers."""
    out, depth, i = '', 0, 0
    while i < len(statement):
        if depth == 0 and statement.startswith('template', i):
            j = statement.find('<', i)
            if j != -1 and statement[i + 8:j].strip() == '':
                depth, i = 1, j + 1
                while i < len(statement) and depth:
                    depth += {'<': 1, '>': -1}.get(statement[i], 0)
                    i += 1
                continue
        out += statement[i]
        i += 1
    return out


root = os.path.join(sys.argv[1], 'awsdirect')
layer_of = {}
for number, (name, files) in enumerate(LAYERS):
    for f in files:
        layer_of[os.path.normpath(os.path.join(root, f))] = number
problems = []


def header_of(path):
    """The header a file belongs to: itself, or for X/impl/Y.ipp the header X/Y.hpp."""
    if path.endswith('.ipp'):
        folder = os.path.dirname(os.path.dirname(path))
        return os.path.join(folder, os.path.basename(path)[:-4] + '.hpp')
    return path


files = []
for folder, _, names in os.walk(root):
    files += [os.path.join(folder, n) for n in names if n.endswith(('.hpp', '.ipp'))]
files.append(os.path.join(sys.argv[1], 'awsdirect.hpp'))
files = sorted(os.path.normpath(f) for f in files)
src = os.path.join(root, 'src.hpp')

edges = {}
for path in files:
    if path == src:
        continue
    node = header_of(path)
    if node not in layer_of:
        problems.append(f'{os.path.relpath(path, root)}: in no layer; add it to LAYERS in {sys.argv[0]}')
        continue
    text = open(path).read()
    lines = text.count('\n')
    if lines > MAX_LINES:
        problems.append(f'{os.path.relpath(path, root)}: {lines} lines (at most {MAX_LINES}); split it along a seam')
    for system in re.findall(r'^#include <([^>]+)>', text, re.M):
        if system == 'regex':
            problems.append(f'{os.path.relpath(path, root)}: includes <regex>')
        if system == 'filesystem' and path.endswith('.hpp'):
            problems.append(f'{os.path.relpath(path, root)}: a header includes <filesystem>; only definitions may')
        if system.startswith('curl/') and not path.endswith('impl/curl_transport.ipp'):
            problems.append(f'{os.path.relpath(path, root)}: includes {system}; only impl/curl_transport.ipp may')
        if system.startswith('openssl/') and not path.endswith(('impl/crypto.ipp', 'impl/checksum.ipp', 'impl/sigv4.ipp')):
            problems.append(f'{os.path.relpath(path, root)}: includes {system}; only the crypto definitions may')
        if system == 'zlib.h' and not path.endswith('impl/checksum.ipp'):
            problems.append(f'{os.path.relpath(path, root)}: includes <zlib.h>; only impl/checksum.ipp may')
    # In header-only mode an .ipp is part of its header.
    for statement in namespace_scope_statements(text):
        statement = without_template_parameters(statement)
        if '=' in statement and not re.match(r'\s*(using|typedef|static_assert|namespace)\b', statement) \
                and 'constexpr' not in statement and '(' not in statement.split('=')[0]:
            problems.append(f'{os.path.relpath(path, root)}: a namespace-scope variable with an initializer that is '
                            f'not constexpr: {statement[:80]}')
    for target in re.findall(r'^#include "([^"]+)"', text, re.M):
        target = os.path.normpath(os.path.join(os.path.dirname(path), target))
        target_node = header_of(target)
        if target_node not in layer_of:
            continue
        if layer_of[target_node] > layer_of[node]:
            problems.append(f'{os.path.relpath(path, root)} (layer "{LAYERS[layer_of[node]][0]}") includes '
                            f'{os.path.relpath(target, root)} (layer "{LAYERS[layer_of[target_node]][0]}"), a higher one')
        if target_node != node:
            edges.setdefault(node, set()).add(target_node)

# Cycles: a depth-first search over the include graph of headers (each with its definitions).
state = {}


def visit(node, trail):
    state[node] = 'open'
    for nxt in sorted(edges.get(node, ())):
        if state.get(nxt) == 'open':
            cycle = trail[trail.index(nxt):] + [nxt]
            problems.append('include cycle: ' + ' -> '.join(os.path.relpath(n, root) for n in cycle))
        elif nxt not in state:
            visit(nxt, trail + [nxt])
    state[node] = 'done'


for node in sorted(edges):
    if node not in state:
        visit(node, [node])

listed = {os.path.normpath(os.path.join(root, f)) for f in re.findall(r'^#include "([^"]+\.ipp)"', open(src).read(), re.M)}
ipps = {f for f in files if f.endswith('.ipp')}
for missing in sorted(ipps - listed):
    problems.append(f'src.hpp does not include {os.path.relpath(missing, root)}')
for extra in sorted(listed - ipps):
    problems.append(f'src.hpp includes {os.path.relpath(extra, root)}, which does not exist')
# src.hpp alone is the one definitions file of a program built without CMake: every definition
# file's own header comes before the definitions (CMake's per-file build includes it for each).
headers_listed = {os.path.normpath(os.path.join(root, f))
                  for f in re.findall(r'^#include "([^"]+\.hpp)"', open(src).read(), re.M)}
for ipp in sorted(ipps & listed):
    if header_of(ipp) not in headers_listed:
        problems.append(f'src.hpp does not include {os.path.relpath(header_of(ipp), root)}, '
                        f'which {os.path.relpath(ipp, root)} defines')

if problems:
    print('\n'.join(problems))
    sys.exit(1)
print(f'{len(files) - 1} files in {len(LAYERS)} one-way layers; no cycle, none over {MAX_LINES} lines')
