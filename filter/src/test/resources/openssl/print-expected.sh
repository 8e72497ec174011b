#!/bin/sh
# Writes what openssl prints for each certificate of FieldValuesTest into NAME.openssl.txt (or into
# the directory given as $1): the values certgate's fields must equal. Run from this directory.
set -eu
out=${1:-.}

# print NAME ISSUER [CHAIN]: CHAIN is the certificate the client sends after NAME
print() {
  cert="$1.pem"
  {
    openssl x509 -in "$cert" -noout -subject -issuer -nameopt RFC2253 -serial -startdate -enddate
    openssl x509 -in "$cert" -noout -subject -issuer -nameopt compat | sed 's/^/legacy-/'
    openssl x509 -in "$cert" -noout -fingerprint -sha256
    openssl x509 -in "$cert" -noout -fingerprint -sha1
    openssl x509 -in "$cert" -noout -ext subjectKeyIdentifier,authorityKeyIdentifier,subjectAltName 2>/dev/null \
      | sed 's/^ *//' | grep -v '^No extensions' || true
    openssl x509 -in "$2.pem" -noout -serial | sed 's/^/issuer-/'
    openssl x509 -in "$2.pem" -noout -ext subjectKeyIdentifier | sed 's/^ *//' | sed 's/^/issuer-/'
    printf 'der-base64=%s\n' "$(openssl x509 -in "$cert" -outform DER | openssl base64 -A)"
    if [ $# -ge 3 ]; then
      printf 'chain-der-base64=%s\n' "$(openssl x509 -in "$3.pem" -outform DER | openssl base64 -A)"
      untrusted="-untrusted $3.pem"
    else
      untrusted=""
    fi
    # As a client certificate (certgate checks fitness for client authentication).
    printf 'verify=%s\n' "$(openssl verify -purpose sslclient -CAfile root.pem $untrusted "$cert" 2>&1 \
      | grep -E ': OK$|^error [0-9]+ at' | head -1)"
  } > "$out/$1.openssl.txt"
}

print rsa-leaf root
print ec-leaf intermediate intermediate
print no-key-ids-leaf root
print intermediate root root
