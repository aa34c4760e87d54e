#!/usr/bin/env bash
# docgen set-up and tasks on a fresh Debian machine. Each step is skipped when done.
#   ./run.sh build   install what is missing, then build content/ into output/
#   ./run.sh test    install what is missing (with the test tools), then run the tests
#   ./run.sh bench   install what is missing, then run the benchmark (--against REV:
#                    this version and REV's in turn)
set -euo pipefail
cd "$(dirname "$0")"
task=${1:-build}

# Fonts (open stand-ins for the office fonts), the HarfBuzz subsetter WeasyPrint needs
# to write small PDFs fast, and WeasyPrint's Pango.
apt_runtime=(fontconfig fonts-noto-cjk fonts-liberation libharfbuzz-subset0 libpango-1.0-0
  libpangoft2-1.0-0)
# LibreOffice is the independent reader of the DOCX; poppler renders PDF pages to PNG;
# chromium is the real browser the preview's end-to-end test drives (with Playwright).
apt_test=(libreoffice-writer-nogui poppler-utils chromium)
fandol_dir=/usr/local/share/fonts/fandol

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing_apt() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || echo "$p"
  done
}

install_apt() {
  local need
  need=$(missing_apt "$@")
  [ -z "$need" ] && return 0
  echo "docgen set-up: apt-get install $need" >&2
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
}

# The Fandol fonts (仿宋, 楷体, 黑体, 宋体 covering all of GB2312) ship only inside
# texlive-lang-chinese; take the .otf files from it rather than install TeX.
install_fandol() {
  [ -f "$fandol_dir/FandolFang-Regular.otf" ] && return 0
  echo "docgen set-up: Fandol fonts from texlive-lang-chinese" >&2
  local tmp
  tmp=$(mktemp -d)
  as_root apt-get update -qq
  (cd "$tmp" && apt-get download -qq texlive-lang-chinese 2>/dev/null)
  dpkg-deb -x "$tmp"/texlive-lang-chinese_*.deb "$tmp/x"
  as_root mkdir -p "$fandol_dir"
  as_root cp "$tmp"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Kai,Hei,Song}-*.otf "$fandol_dir/"
  rm -rf "$tmp"
}

# One virtual environment for the project; reinstalled only when pyproject.toml changes.
install_python() {
  local extra=$1 stamp=.venv/.installed-$1
  [ -x .venv/bin/python ] || python3 -m venv .venv
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "docgen set-up: pip install -e .[$extra]" >&2
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[$extra]"
    touch "$stamp"
  fi
}

# Map the office font names to the stand-ins for every program on the machine (so
# LibreOffice shows a docgen DOCX in the right faces); docgen writes the file.
install_fontconfig() {
  local conf=/etc/fonts/conf.d/65-docgen.conf new
  new=$(.venv/bin/docgen fonts --fontconfig)
  if [ ! -f "$conf" ] || [ "$new" != "$(cat "$conf")" ]; then
    printf '%s\n' "$new" | as_root tee "$conf" >/dev/null
    as_root fc-cache -f >/dev/null
  fi
}

case "$task" in
  build)
    install_apt "${apt_runtime[@]}"; install_fandol; install_python dev; install_fontconfig
    .venv/bin/docgen build content --out output ;;
  test)
    install_apt "${apt_runtime[@]}" "${apt_test[@]}"; install_fandol; install_python dev
    install_fontconfig
    .venv/bin/ruff check . && .venv/bin/ruff format --check .
    .venv/bin/python -m pytest -q ;;
  bench)
    install_apt "${apt_runtime[@]}"; install_fandol; install_python dev; install_fontconfig
    .venv/bin/python bench/bench.py "${@:2}" ;;
  *) echo "usage: ./run.sh build|test|bench" >&2; exit 2 ;;
esac
