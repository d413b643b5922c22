#!/usr/bin/env bash
# Writes the OCI CLI export that `oke-c3-network verify --oci-export DIR` reads, for one compartment.
#
#   scripts/oci-export.sh COMPARTMENT_OCID [DIR] [-- OCI CLI options...]
#
# DIR defaults to ./oci-export. Options after `--` go to every `oci` call, e.g. a C3 endpoint and its CA
# bundle: -- --endpoint https://iaas.<c3-domain> --cert-bundle ~/.oci/c3-ca.pem --profile c3
# Needs the OCI CLI (`oci`) and Node.js (to read NSG ids); it only reads (list calls), never changes anything.
# The package's tests never run it.
set -euo pipefail

if [[ $# -lt 1 || "$1" == -* ]]; then
    echo "usage: $0 COMPARTMENT_OCID [DIR] [-- OCI CLI options...]" >&2
    exit 2
fi
C="$1"
shift
DIR="./oci-export"
if [[ $# -gt 0 && "$1" != "--" ]]; then
    DIR="$1"
    shift
fi
[[ $# -gt 0 && "$1" == "--" ]] && shift
OCI=(oci "$@")

mkdir -p "$DIR/nsg-rules" "$DIR/nsg-vnics"
list() {
    local file="$1"
    shift
    echo "writing $DIR/$file" >&2
    # An empty listing prints nothing; verify reads an empty file as an empty list.
    "${OCI[@]}" "$@" --all >"$DIR/$file"
}

list vcns.json network vcn list --compartment-id "$C"
list subnets.json network subnet list --compartment-id "$C"
list security-lists.json network security-list list --compartment-id "$C"
list route-tables.json network route-table list --compartment-id "$C"
list nat-gateways.json network nat-gateway list --compartment-id "$C"
list internet-gateways.json network internet-gateway list --compartment-id "$C"
list service-gateways.json network service-gateway list --compartment-id "$C"
list nsgs.json network nsg list --compartment-id "$C"
list vnic-attachments.json compute vnic-attachment list --compartment-id "$C"

# One rules file and one VNIC file per NSG, named by the NSG's OCID.
node -e '
const fs = require("node:fs");
const text = fs.readFileSync(process.argv[1], "utf8").trim();
for (const nsg of text === "" ? [] : JSON.parse(text).data) console.log(nsg.id);
' "$DIR/nsgs.json" | while read -r NSG; do
    list "nsg-rules/$NSG.json" network nsg rules list --nsg-id "$NSG"
    list "nsg-vnics/$NSG.json" network nsg vnics list --nsg-id "$NSG"
done
echo "done: oke-c3-network verify --oci-export $DIR" >&2
