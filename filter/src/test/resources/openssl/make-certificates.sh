#!/bin/sh
# Makes the certificates of FieldValuesTest with the openssl binary (Debian's `openssl` package).
# Run it from this directory: sh make-certificates.sh. The private keys are thrown away: the test
# needs the certificates only; it asks openssl itself for the expected values when it runs.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
validity="-days 3650"
client='basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n'

key() { # file algorithm
  case "$2" in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null ;;
    ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" ;;
  esac
}

# issue NAME ISSUER-PEM ISSUER-KEY SERIAL SUBJECT ALGORITHM EXTENSIONS
issue() {
  key "$work/$1.key" "$6"
  openssl req -new -key "$work/$1.key" -out "$work/$1.csr" -utf8 -subj "$5"
  printf '%b' "$7" > "$work/$1.ext"
  openssl x509 -req -in "$work/$1.csr" -CA "$2" -CAkey "$3" -set_serial "$4" $validity \
    -extfile "$work/$1.ext" -out "$1.pem" 2>/dev/null
}

# Root CA: RSA, self-signed, with a subject key identifier.
key "$work/root.key" rsa
openssl req -x509 -new -key "$work/root.key" -out root.pem -utf8 $validity \
  -subj "/C=US/ST=Texas/L=Austin/O=Access Testing/OU=TX/CN=Access Testing CA" \
  -set_serial 0x2688201DBA77402EA87118876F2E1B24CF8B0395 \
  -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign \
  -addext subjectKeyIdentifier=hash

# Intermediate CA: EC, issued by the root.
issue intermediate root.pem "$work/root.key" 0x01 "/C=DE/O=Zwischen GmbH/CN=Intermediate CA" ec \
  'basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n'

# RSA leaf of the root: a multi-valued RDN, a serial whose first bit is set (DER adds a zero byte),
# every kind of subject alternative name.
issue rsa-leaf root.pem "$work/root.key" 0x8F3A0000000000000000000000000000000000A1 \
  "/C=US/ST=Texas/L=Austin/O=Access+OU=Access Admins/CN=James Royal" rsa \
  "${client}subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\nsubjectAltName=DNS:a.example.com,DNS:b.example.com,URI:spiffe://example.org/svc,email:j@example.com,IP:192.0.2.7,IP:2001:db8::1\n"

# EC leaf of the intermediate: non-ASCII characters and the characters RFC 2253 escapes.
subject=$(printf '/C=FR/O=Soci\303\251t\303\251 "G\303\251n\303\251rale", Paris/OU=R\\+D <lab>; #1/CN=#Jos\303\251 M\303\274ller\\\\')
issue ec-leaf intermediate.pem "$work/intermediate.key" 0x0A "$subject" ec \
  "${client}subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\nsubjectAltName=email:jose@example.fr\n"

# A leaf without key identifiers: cert_ski is empty, cert_issuer_ski comes from the issuer.
issue no-key-ids-leaf root.pem "$work/root.key" 0x00FF "/CN=no key identifiers" ec \
  "${client}subjectKeyIdentifier=none\nauthorityKeyIdentifier=none\n"

# The chain a client sends: leaf first, then the intermediate (RFC 9440 chain field).
cat ec-leaf.pem intermediate.pem > ec-chain.pem

sh print-expected.sh
