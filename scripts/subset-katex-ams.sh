#!/usr/bin/env bash
# KaTeX draws \mathbb{R} (ℝ, the only blackboard letter our formulas use) as an "R" in its AMS font, a 28 kB
# download for one glyph in the first view. This writes that glyph alone as src/views/common/fonts/KaTeX_AMS-R.woff2;
# src/views/common/katex.css declares it for U+0052 after KaTeX's own faces, so the browser takes the subset
# for "R" and fetches the whole AMS font only for another of its glyphs. The output is committed; rerun after
# a KaTeX upgrade. Needs fontTools and brotli (Debian: apt-get install python3-fonttools python3-brotli).
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 -m fontTools.subset node_modules/katex/dist/fonts/KaTeX_AMS-Regular.ttf --unicodes=U+0052 --flavor=woff2 \
  --layout-features='' --no-hinting --desubroutinize --name-IDs='' \
  --output-file=src/views/common/fonts/KaTeX_AMS-R.woff2
