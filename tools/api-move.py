#!/usr/bin/env python3
"""Moves the filter's implementation packages under dev.certgate.internal (issue 10 §3).

Run from the repository root on a clean work tree: python3 tools/api-move.py
It is mechanical and idempotent: it git-moves the sources (main and test) of every internal
package, rewrites package declarations, imports and fully qualified names in every module's
sources, resources and docs, and adds the imports a split package needs (types that shared a
package before and no longer do). Anything it cannot decide is left to the compiler.
"""
import os
import re
import subprocess
import sys

ROOT = 'dev.certgate'
INTERNAL = ROOT + '.internal'

# Whole packages that move. Listed longest first so that a sub-package is rewritten before its parent.
PACKAGES = {
    'dev.certgate.revocation.crl': 'dev.certgate.internal.revocation.crl',
    'dev.certgate.revocation.ocsp': 'dev.certgate.internal.revocation.ocsp',
    'dev.certgate.revocation.internal': 'dev.certgate.internal.revocation',
    'dev.certgate.config': 'dev.certgate.internal.config',
    'dev.certgate.facts': 'dev.certgate.internal.facts',
    'dev.certgate.forwarding': 'dev.certgate.internal.forwarding',
    'dev.certgate.json': 'dev.certgate.internal.json',
    'dev.certgate.policy': 'dev.certgate.internal.policy',
    'dev.certgate.rules': 'dev.certgate.internal.rules',
    'dev.certgate.settings': 'dev.certgate.internal.settings',
    'dev.certgate.trust': 'dev.certgate.internal.trust',
}

# Packages that are split: the API types stay, the rest (main and test sources) moves to the target.
SPLIT = {
    'dev.certgate.revocation': ('dev.certgate.internal.revocation', {
        'CheckerContext', 'RevocationChecker', 'RevocationCheckerProvider', 'RevocationConfigException',
        'RevocationReason', 'RevocationSourceStatus', 'RevocationStatus',
        'package-info'}),
    'dev.certgate.ops': ('dev.certgate.internal.ops', {
        'CertGateMXBean', 'DecisionEvent', 'DecisionEventSink', 'Metric', 'package-info'}),
    'dev.certgate.principal': ('dev.certgate.internal.principal', {
        'CertificatePrincipal', 'Identity', 'package-info'}),
}
# Test classes of a split package that test the API types and so stay with them.
SPLIT_TESTS_STAY = {
    'dev.certgate.principal': set(),
}

SOURCE_ROOTS = ['filter/src/main/java', 'filter/src/test/java']
TEXT_SUFFIXES = ('.java', '.xml', '.md', '.properties', '.factories', '.imports', '.json', '.yml', '.yaml',
                 '.txt', '.html', '.api')
SKIP_DIRS = {'.git', 'target', 'node_modules', 'tools'}


def git(*args):
    subprocess.run(['git', *args], check=True)


def java_files(root):
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x not in SKIP_DIRS]
        for f in files:
            if f.endswith('.java'):
                yield os.path.join(d, f)


def target_package(pkg, simple, is_test):
    if pkg in PACKAGES:
        return PACKAGES[pkg]
    if pkg in SPLIT:
        to, keep = SPLIT[pkg]
        # A test of a split package tests what moved unless it is listed as testing the API types.
        stays = simple in (SPLIT_TESTS_STAY.get(pkg, set()) if is_test else keep)
        return pkg if stays else to
    return pkg


def main():
    if subprocess.run(['git', 'diff', '--quiet', 'HEAD'], check=False).returncode != 0:
        sys.exit('work tree not clean: commit first')
    # 1. Which type goes where (types of the filter's sources; other modules only refer to them).
    moves = {}          # old FQN -> new FQN
    files = []          # (path, old package, new package, simple name)
    for src in SOURCE_ROOTS:
        is_test = '/test/' in src
        for path in java_files(src):
            rel = os.path.relpath(path, src)
            pkg = os.path.dirname(rel).replace(os.sep, '.')
            simple = os.path.basename(rel)[:-5]
            new = target_package(pkg, simple, is_test)
            files.append((path, src, pkg, new, simple))
            if new != pkg and simple != 'package-info':
                moves[pkg + '.' + simple] = new + '.' + simple
    # Types moved by an earlier run: code merged in since may still use their old names.
    old_of = {v: k for k, v in PACKAGES.items()}
    known = dict(moves)
    for src in SOURCE_ROOTS:
        for path in java_files(src):
            rel = os.path.relpath(path, src)
            pkg = os.path.dirname(rel).replace(os.sep, '.')
            simple = os.path.basename(rel)[:-5]
            if simple == 'package-info':
                continue
            if pkg in old_of:
                known.setdefault(old_of[pkg] + '.' + simple, pkg + '.' + simple)
            for split_pkg, (to, keep) in SPLIT.items():
                if pkg == to and simple not in keep:
                    known.setdefault(split_pkg + '.' + simple, pkg + '.' + simple)

    # 2. git mv.
    moved_paths = {}
    for path, src, pkg, new, simple in files:
        if new != pkg:
            dest = os.path.join(src, new.replace('.', os.sep), simple + '.java')
            if simple == 'package-info' and os.path.exists(dest):
                continue
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            git('mv', path, dest)
            moved_paths[path] = dest

    # 3. Rewrite names everywhere. Fully qualified type names longest first (nested types follow).
    moves = known
    type_pattern = re.compile(r'\b(' + '|'.join(re.escape(k) for k in sorted(moves, key=len, reverse=True))
                              + r')\b')
    pkg_pattern = re.compile(r'\b(' + '|'.join(re.escape(k) for k in sorted(PACKAGES, key=len, reverse=True))
                             + r')(?=[.;]|\s|$|`|\))')
    split_pkgs = set(SPLIT)

    def rewrite_java(text, old_pkg, new_pkg):
        text = type_pattern.sub(lambda m: moves[m.group(1)], text)
        out = []
        for line in text.split('\n'):
            if line.startswith('package ') or line.startswith('import '):
                line = pkg_pattern.sub(lambda m: PACKAGES[m.group(1)], line)
            out.append(line)
        text = '\n'.join(out)
        if old_pkg != new_pkg:
            text = re.sub(r'^package ' + re.escape(old_pkg) + ';', 'package ' + new_pkg + ';', text, count=1,
                          flags=re.M)
        return text

    def path_package(p):
        for src in SOURCE_ROOTS:
            if p.startswith(os.path.normpath(src) + os.sep):
                return os.path.dirname(os.path.relpath(p, src)).replace(os.sep, '.')
        return None

    all_files = []
    for d, dirs, fs in os.walk('.'):
        dirs[:] = [x for x in dirs if x not in SKIP_DIRS and not x.startswith('.')]
        for f in fs:
            p = os.path.join(d, f)
            if f.endswith(TEXT_SUFFIXES) or '/META-INF/services/' in p:
                all_files.append(os.path.normpath(p))
    new_pkg_of = {}
    old_pkg_of = {}
    for path, src, pkg, new, simple in files:
        dest = os.path.normpath(moved_paths.get(path, path))
        new_pkg_of[dest] = new
        old_pkg_of[dest] = pkg
    for p in all_files:
        with open(p, encoding='utf-8') as fh:
            text = fh.read()
        if p.endswith('.java'):
            m = re.search(r'^package ([\w.]+);', text, re.M)
            pkg = m.group(1) if m else ''
            out = rewrite_java(text, old_pkg_of.get(p, pkg), new_pkg_of.get(p, pkg))
            at = path_package(p)
            if at and at.startswith(INTERNAL):
                # A file merged in at a moved path still declaring its old package.
                out = re.sub(r'^package [\w.]+;', 'package ' + at + ';', out, count=1, flags=re.M)
        else:
            out = type_pattern.sub(lambda m: moves[m.group(1)], text)
        if out != text:
            with open(p, 'w', encoding='utf-8') as fh:
                fh.write(out)

    # 4. Split packages: a type that shared a package with another and no longer does now needs an import.
    by_old_pkg = {}
    for old, new in moves.items():
        by_old_pkg.setdefault(old.rsplit('.', 1)[0], []).append((old, new))
    for path, src, pkg, new, simple in files:
        if pkg not in split_pkgs or simple == 'package-info':
            continue
        p = os.path.normpath(moved_paths.get(path, path))
        with open(p, encoding='utf-8') as fh:
            text = fh.read()
        body = '\n'.join(l for l in text.split('\n') if not l.startswith(('import ', 'package ')))
        wanted = []
        peers = [(pkg + '.' + s, t) for (_, _, pk, t, s) in files if pk == pkg and s != 'package-info']
        for old_fqn, peer_pkg in peers:
            peer = old_fqn.rsplit('.', 1)[1]
            if peer_pkg != new and peer != simple and re.search(r'(?<![\w.])' + peer + r'\b', body):
                wanted.append('import ' + peer_pkg + '.' + peer + ';')
        wanted = [w for w in wanted if w not in text]
        if wanted:
            lines = text.split('\n')
            last_import = max((i for i, l in enumerate(lines) if l.startswith('import ')), default=None)
            if last_import is None:
                at = next(i for i, l in enumerate(lines) if l.startswith('package ')) + 1
                lines[at:at] = [''] + sorted(wanted)
            else:
                lines[last_import + 1:last_import + 1] = sorted(wanted)
            with open(p, 'w', encoding='utf-8') as fh:
                fh.write('\n'.join(lines))
    print('names of %d types rewritten (moved now: %d files)' % (len(moves), len(moved_paths)))


if __name__ == '__main__':
    main()
