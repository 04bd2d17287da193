"""Sizes of a Chinese-site spec tree against the international one, for docs/editions.md:
how much of the shared service versions is text (documents, titles, examples, drafts) and how
many files are the same once text is set aside. Usage: python3 xtask/measure-editions.py CN_TREE INTL_TREE
"""
import json, os, sys
cn, intl = sys.argv[1], sys.argv[2]
def files(root):
    out = {}
    for d, _, fs in os.walk(root):
        for f in fs:
            if f.endswith('.json'):
                p = os.path.join(d, f); out[os.path.relpath(p, root)] = p
    return out
C, I = files(cn), files(intl)
svs = lambda F: {'/'.join(k.split('/')[:2]) for k in F if k.count('/') >= 2}
shared_sv = svs(C) & svs(I)
tot = sum(os.path.getsize(p) for p in C.values())
only = sum(os.path.getsize(p) for k, p in C.items() if '/'.join(k.split('/')[:2]) not in shared_sv)
TEXT = {'$schema', 'description', 'title', 'example', 'examples', 'product', 'draft', 'notes', 'document'}
def strip(v):
    if isinstance(v, dict): return {k: strip(x) for k, x in v.items() if k not in TEXT}
    if isinstance(v, list): return [strip(x) for x in v]
    return v
def textbytes(v):
    if isinstance(v, dict): return sum((len(json.dumps(x, ensure_ascii=False).encode()) if k in TEXT else textbytes(x)) for k, x in v.items())
    if isinstance(v, list): return sum(textbytes(x) for x in v)
    return 0
shared_bytes = text = same_struct_files = shared_files = cn_only_files_in_shared = 0
for k, p in C.items():
    if '/'.join(k.split('/')[:2]) not in shared_sv: continue
    shared_bytes += os.path.getsize(p)
    c = json.load(open(p)); text += textbytes(c)
    if k in I:
        shared_files += 1
        if strip(c) == strip(json.load(open(I[k]))): same_struct_files += 1
    else: cn_only_files_in_shared += 1
print(f"cn tree: {tot/1e6:.1f} MB, {len(C)} files; service versions {len(svs(C))}, shared with intl {len(shared_sv)}")
print(f"cn-only service versions: {only/1e6:.1f} MB ({only/tot:.0%})")
print(f"shared service versions: {shared_bytes/1e6:.1f} MB; text (documents, titles, examples, drafts) {text/1e6:.1f} MB ({text/shared_bytes:.0%} of it)")
print(f"files in both: {shared_files}, same structure apart from text: {same_struct_files} ({same_struct_files/shared_files:.0%}); cn-only files inside shared versions: {cn_only_files_in_shared}")
