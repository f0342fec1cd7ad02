#!/usr/bin/env bash
# Builds the document faces into fonts/build/ (git-ignored), idempotently.
#
# The PDF writer embeds CFF faces as CFF (CIDFontType0, /FontFile3: pdf/cid_font.h) and glyf faces
# as TrueType, so the Noto CJK faces are only cut down to what their role needs with hb-subset
# (scripts/cff2ttf.py --outline cff: no conversion, 1-4 s). FandolFang is embedded as TrueType:
# its traced outlines are as heavy in CFF as in glyf, and glyf subsets deflate 7 % smaller and
# hb-subset 10x faster (fonts/README.md), so it is still converted once.
# The body face is that conversion lightened by scripts/lighten-face.py: outlines simplified and
# stored on a 125-unit em, every glyph within 7.5/1000 em of the source (one 600-dpi dot at 16 pt).
#   FandolFang-Regular-em125.ttf  body 仿宋            FandolFang (texlive-lang-chinese), lightened
#   FandolFang-Regular.ttf        FandolFang to glyf unchanged, for comparisons
#   NotoSerifSC-Bold-GB2312.otf   title 小标宋-like    Noto Serif CJK SC Bold, GB 2312 + punctuation
#   NotoSerifSC-Regular-BMP.otf   body fallback, 宋体  Noto Serif CJK SC Regular, the BMP minus Hangul
#   FandolFang-Regular.otf        FandolFang as is (CFF), for "pdf_program": "cff" comparisons
#   BabelStoneHan-SIP.ttf         rare names, 1st      BabelStone Han, ASCII + U+20000-U+3FFFF (glyf kept)
#   HanaMinB-SIP.ttf              rare names, 2nd      Hanazono Mincho B, the same (glyf kept)
# WQY MicroHei, LXGW WenKai and AR PL UMing are glyf already and used in place (fonts/manifest.json).
#
# --ttf also builds the glyf conversions of the two Noto faces (*.ttf; 60 s of CPU), for a manifest
# that embeds them as TrueType or for libharu's own loader.
#
# A target is skipped when its output and every input (source face, converter, recipe) still match
# the SHA-256 lines recorded in fonts/build/SHA256SUMS after its last successful build; otherwise
# it is rebuilt. Targets run in parallel (ZHIXING_FONT_JOBS, default 2).
#
# Usage: scripts/build-fonts.sh [--check] [--force] [--ttf]
#   --check  build nothing; exit 0 when everything is up to date, 1 otherwise
#   --force  rebuild every target
#   --ttf    also the TrueType conversions
# Environment: ZHIXING_FONT_BUILD_DIR (default <repo>/fonts/build), ZHIXING_FONT_JOBS,
#   FANDOL_DEB (a texlive-lang-chinese .deb to use instead of `apt-get download`).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${ZHIXING_FONT_BUILD_DIR:-$ROOT/fonts/build}
JOBS=${ZHIXING_FONT_JOBS:-2}
PY=/usr/bin/python3  # Debian's python with python3-fonttools; NOT the pyenv python3 on PATH
CONVERTER=$ROOT/scripts/cff2ttf.py
LIGHTEN=$ROOT/scripts/lighten-face.py
# lighten-face.py settings (fonts/README.md): simplification tolerances tried, largest first, and
# the em and largest distance from the source outline (1/1000 em) of the result.
LIGHTEN_ARGS=(--tolerances 4,3,2,1 --upem 125 --max-deviation 7.5)
NOTO=/usr/share/fonts/opentype/noto
FANDOL_NAME=FandolFang-Regular.otf
FANDOL_SYSTEM=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/$FANDOL_NAME
SUMS=SHA256SUMS  # relative to $OUT

log() { echo "build-fonts: $*"; }
die() { echo "build-fonts: ERROR: $*" >&2; exit 1; }

MODE=build
TTF=0
for arg in "$@"; do
  case $arg in
    --check) MODE=check ;;
    --force) MODE=force ;;
    --ttf) TTF=1 ;;
    -h|--help) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$arg' (try --help)" ;;
  esac
done

# --- prerequisites ---------------------------------------------------------------------------
[[ -x $PY ]] || die "$PY not found (apt-get install python3)"
FONTTOOLS_VERSION=$("$PY" -c 'import fontTools; print(fontTools.version)' 2>/dev/null) ||
  die "$PY cannot import fontTools (apt-get install python3-fonttools)"
"$PY" -c 'import fontforge, numpy, scipy' 2>/dev/null ||
  die "$PY cannot import fontforge, numpy and scipy (apt-get install python3-fontforge python3-numpy python3-scipy)"
FONTFORGE_VERSION=$(dpkg-query -W -f '${Version}' python3-fontforge 2>/dev/null) || FONTFORGE_VERSION=unknown
# hb-subset through ctypes: the recipe records HarfBuzz's version (a new one may cut differently).
HB_VERSION=$(dpkg-query -W -f '${Version}' libharfbuzz-subset0 2>/dev/null) ||
  die "libharfbuzz-subset0 is not installed (apt-get install libharfbuzz-subset0)"
for f in "$NOTO/NotoSerifCJK-Bold.ttc" "$NOTO/NotoSerifCJK-Regular.ttc"; do
  [[ -r $f ]] || die "$f missing (apt-get install fonts-noto-cjk)"
done
BABELSTONE=/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf
HANAMIN_B=/usr/share/fonts/truetype/hanazono/HanaMinB.ttf
for f in /usr/share/fonts/truetype/wqy/wqy-microhei.ttc:fonts-wqy-microhei \
         /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf:fonts-lxgw-wenkai \
         /usr/share/fonts/truetype/arphic/uming.ttc:fonts-arphic-uming \
         $BABELSTONE:fonts-babelstone-han $HANAMIN_B:fonts-hanazono; do
  [[ -r ${f%%:*} ]] || die "${f%%:*} missing (apt-get install ${f##*:})"
done
mkdir -p "$OUT/src" "$OUT/.recipes" "$OUT/.logs"
cd "$OUT"

# On any exit: stop conversions still running (only our own children) and drop temporary files.
CLEANUP=()
cleanup() {
  local pids
  pids=$(jobs -pr)
  [[ -z $pids ]] || kill $pids 2>/dev/null || true
  rm -rf -- "${CLEANUP[@]}" ./*.ttf.tmp ./*.otf.tmp
}
trap cleanup EXIT

# --- targets: name | source face | face index | subset | outline ------------------------------
# Longest first, so that with 2 jobs the longest one overlaps the others.
TARGETS=(
  "FandolFang-Regular-em125.ttf|src/$FANDOL_NAME|0|none|lighten"
  "FandolFang-Regular.ttf|src/$FANDOL_NAME|0|none|glyf"
  "NotoSerifSC-Regular-BMP.otf|$NOTO/NotoSerifCJK-Regular.ttc|2|bmp|cff"
  "NotoSerifSC-Bold-GB2312.otf|$NOTO/NotoSerifCJK-Bold.ttc|2|gb2312|cff"
  "FandolFang-Regular.otf|src/$FANDOL_NAME|0|none|cff"
  # CJK Extension B and beyond (𠮷 U+20BB7 …), cut to the supplementary ideographic planes: the
  # BMP is drawn by the faces before them, and their private-use glyphs must not draw anything.
  "BabelStoneHan-SIP.ttf|$BABELSTONE|0|sip|keep"
  "HanaMinB-SIP.ttf|$HANAMIN_B|0|sip|keep"
)
if ((TTF)); then
  TARGETS=(
    "NotoSerifSC-Regular-BMP.ttf|$NOTO/NotoSerifCJK-Regular.ttc|2|bmp|glyf"
    "${TARGETS[@]}"
    "NotoSerifSC-Bold-GB2312.ttf|$NOTO/NotoSerifCJK-Bold.ttc|2|gb2312|glyf"
  )
fi

# The recipe file records everything besides the input bytes that determines an output.
write_recipe() {  # name source index subset outline
  local r=".recipes/$1" content
  if [[ $5 == lighten ]]; then
    content="source=$2 outline=lighten ${LIGHTEN_ARGS[*]} fontforge=$FONTFORGE_VERSION fonttools=$FONTTOOLS_VERSION"
  elif [[ $5 == glyf ]]; then
    content="source=$2 face-index=$3 subset=$4 outline=glyf harfbuzz=$HB_VERSION fonttools=$FONTTOOLS_VERSION max-err=1"
  else
    content="source=$2 face-index=$3 subset=$4 outline=$5 harfbuzz=$HB_VERSION"
  fi
  [[ -f $r && $(<"$r") == "$content" ]] || printf '%s\n' "$content" >"$r"
}

converter_for() { if [[ $1 == *-em125.ttf ]]; then echo "$LIGHTEN"; else echo "$CONVERTER"; fi; }

# The files whose SHA-256 lines must match SHA256SUMS for a target to count as built.
target_files() { echo "$1" ".recipes/$1" "$2" "$(converter_for "$1")"; }

is_fresh() {  # files...
  [[ -f $SUMS ]] || return 1
  local f lines="" line
  for f in "$@"; do
    line=$(awk -v f="$f" 'substr($0, 67) == f' "$SUMS")
    [[ -n $line ]] || return 1
    lines+="$line"$'\n'
  done
  printf '%s' "$lines" | sha256sum --check --strict --status
}

record() {  # files... : replace their lines in SHA256SUMS (atomically)
  local tmp
  tmp=$(mktemp .SHA256SUMS.XXXXXX)
  {
    if [[ -f $SUMS ]]; then
      printf '%s\n' "$@" | awk 'NR == FNR { drop[$0] = 1; next } !(substr($0, 67) in drop)' - "$SUMS"
    fi
    sha256sum -- "$@"
  } | sort -k2 >"$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$SUMS"
}

# --- FandolFang source (texlive-lang-chinese is 98 MB installed: extract, never install) ------
fetch_fandol() {
  [[ -s src/$FANDOL_NAME ]] && return 0
  if [[ -r $FANDOL_SYSTEM ]]; then
    log "using $FANDOL_SYSTEM"
    cp "$FANDOL_SYSTEM" "src/$FANDOL_NAME"
    return 0
  fi
  local tmp deb
  tmp=$(mktemp -d)
  CLEANUP+=("$tmp")
  if [[ -n ${FANDOL_DEB:-} ]]; then
    deb=$FANDOL_DEB
    [[ -r $deb ]] || die "FANDOL_DEB=$deb is not readable"
  else
    log "downloading texlive-lang-chinese (about 50 MB) for FandolFang"
    (cd "$tmp" && apt-get download texlive-lang-chinese >"$tmp/apt.log" 2>&1) ||
      die "apt-get download texlive-lang-chinese failed (run apt-get update? network?): $(tail -n 3 "$tmp/apt.log")"
    deb=$(ls "$tmp"/texlive-lang-chinese_*.deb)
  fi
  log "extracting $FANDOL_NAME from $(basename "$deb")"
  dpkg -x "$deb" "$tmp/x" || die "dpkg -x $deb failed"
  local otf
  otf=$(find "$tmp/x" -name "$FANDOL_NAME" -print -quit)
  [[ -n $otf ]] || die "$FANDOL_NAME not found in $deb"
  cp "$otf" "src/$FANDOL_NAME.tmp" && mv "src/$FANDOL_NAME.tmp" "src/$FANDOL_NAME"
  # Keep Fandol's README (licence statement: GPL with font exception) next to the source face.
  local readme
  readme=$(find "$tmp/x" -path '*fandol*' -iname 'README*' -print -quit)
  [[ -z $readme ]] || cp "$readme" src/Fandol-README
}

# --- plan ------------------------------------------------------------------------------------
STALE=()
for t in "${TARGETS[@]}"; do
  IFS='|' read -r name src idx subset outline <<<"$t"
  write_recipe "$name" "$src" "$idx" "$subset" "$outline"
  # shellcheck disable=SC2046
  if [[ $MODE != force ]] && is_fresh $(target_files "$name" "$src"); then
    log "up to date: $name"
  else
    STALE+=("$t")
  fi
done

if [[ $MODE == check ]]; then
  ((${#STALE[@]} == 0)) && { log "all fonts up to date in $OUT"; exit 0; }
  for t in "${STALE[@]}"; do log "needs building: ${t%%|*}"; done
  exit 1
fi
if ((${#STALE[@]} == 0)); then
  log "all fonts up to date in $OUT"
  exit 0
fi

for t in "${STALE[@]}"; do
  [[ $t == FandolFang* ]] && fetch_fandol
done

# --- build (ZHIXING_FONT_JOBS targets at a time) -------------------------------------------
declare -A PID_NAME=() PID_SRC=() PID_START=()
FAILED=()
START_ALL=$SECONDS

finish_one() {
  local pid rc=0
  wait -n -p pid || rc=$?
  local name=${PID_NAME[$pid]} src=${PID_SRC[$pid]}
  unset "PID_NAME[$pid]"
  if ((rc == 0)) && mv -f "$name.tmp" "$name"; then
    # shellcheck disable=SC2046
    record $(target_files "$name" "$src")
    log "built $name ($(stat -c %s "$name") bytes) in $((SECONDS - PID_START[$pid])) s"
    grep -h '^lighten-face:' ".logs/$name.log" | sed 's/^/build-fonts: /' || true
  else
    rm -f "$name.tmp"
    echo "build-fonts: ERROR: $name failed (exit $rc); log $OUT/.logs/$name.log:" >&2
    tail -n 15 ".logs/$name.log" >&2 || true
    FAILED+=("$name")
  fi
}

for t in "${STALE[@]}"; do
  IFS='|' read -r name src idx subset outline <<<"$t"
  # Count the jobs not yet reaped, not the running ones: a job that has just ended is no longer
  # listed by `jobs -r` but still has its font to move into place.
  while ((${#PID_NAME[@]} >= JOBS)); do finish_one; done
  log "building $name  <=  $src #$idx (subset: $subset, outlines: $outline)"
  if [[ $outline == lighten ]]; then
    "$PY" "$LIGHTEN" "$src" "$name.tmp" "${LIGHTEN_ARGS[@]}" --jobs "$JOBS" >".logs/$name.log" 2>&1 &
  else
    "$PY" "$CONVERTER" "$src" "$name.tmp" --face-index "$idx" --subset "$subset" \
      --outline "$outline" >".logs/$name.log" 2>&1 &
  fi
  PID_NAME[$!]=$name PID_SRC[$!]=$src PID_START[$!]=$SECONDS
done
while ((${#PID_NAME[@]} > 0)); do finish_one; done

((${#FAILED[@]} == 0)) || die "failed: ${FAILED[*]}"
log "done in $((SECONDS - START_ALL)) s; checksums in $OUT/$SUMS"
