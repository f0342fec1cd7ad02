#!/bin/sh
# The court's default seal token: a SoftHSM2 token in SEAL_DIR/tokens with a random user PIN in
# PIN_FILE (0600), made when missing; `zhixing seal init` then makes the keys and certificates.
# Run as the account that runs zhixing. Used by scripts/setup.sh (a checkout) and by the
# package's postinst (/usr/share/zhixing/scripts/make-seal-token.sh, as the zhixing account).
# A court's own device (seal.pkcs11_module) comes with its vendor's tools and PIN instead.
# Usage: make-seal-token.sh SEAL_DIR PIN_FILE TOKEN_LABEL
set -eu
seal_dir=$1 pin_file=$2 token_label=$3
umask 077
mkdir -p "$seal_dir/tokens"
chmod 700 "$seal_dir" "$seal_dir/tokens"
if [ ! -f "$seal_dir/softhsm2.conf" ]; then
  printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
    "$seal_dir/tokens" > "$seal_dir/softhsm2.conf"
fi
SOFTHSM2_CONF=${SOFTHSM2_CONF:-$seal_dir/softhsm2.conf}
export SOFTHSM2_CONF
if softhsm2-util --show-slots | grep -q "^[[:space:]]*Label:[[:space:]]*$token_label[[:space:]]*\$"; then
  echo "令牌 $token_label 已存在（$seal_dir/tokens）"
  exit 0
fi
if [ ! -s "$pin_file" ] && [ -z "${ZHIXING_SEAL_PIN:-}" ]; then
  # The user PIN, written (0600) before the token uses it; zhixing refuses a readable file.
  mkdir -p "$(dirname "$pin_file")"
  od -An -N8 -tu8 /dev/urandom | tr -d ' \n' > "$pin_file"
fi
pin=${ZHIXING_SEAL_PIN:-$(cat "$pin_file")}
# The SO PIN only re-sets a lost user PIN; it is not kept (README): a lost token is made again,
# and the certificates of the old one stay in SEAL_DIR for verification.
so_pin=$(od -An -N8 -tu8 /dev/urandom | tr -d ' \n')
softhsm2-util --init-token --free --label "$token_label" --so-pin "$so_pin" --pin "$pin" >/dev/null
echo "已建立令牌 $token_label（$seal_dir/tokens），口令在 $pin_file（0600）"
