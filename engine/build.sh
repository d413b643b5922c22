#!/usr/bin/env bash
# Builds the real Pulumi CLI (at the @pulumi/pulumi version of package-lock.json, pinned in go.mod), the stand-in
# `oci` resource provider and the policy-analyzer shim into engine/bin/ (git-ignored). Go's module and build caches
# live in engine/.cache/ (git-ignored) so CI can keep them: a cold build downloads the modules from the Go module
# proxy and compiles for about 10-15 minutes on two cores, a warm one takes seconds. Nothing is fetched from GitHub:
# `direct` is dropped from GOPROXY, so a module the proxy does not serve is an error, not a clone.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

version="$(node -p 'require("../package-lock.json").packages["node_modules/@pulumi/pulumi"].version')"
pinned="$(sed -n 's#^\s*github.com/pulumi/pulumi/pkg/v3 \(v[^ ]*\)$#\1#p' go.mod)"
if [ "v$version" != "$pinned" ]; then
    echo "engine/build.sh: package-lock.json has @pulumi/pulumi $version but engine/go.mod pins pkg/v3 $pinned" >&2
    exit 1
fi

export GOMODCACHE="$here/.cache/mod" GOCACHE="$here/.cache/build" GOFLAGS=-mod=readonly GOTOOLCHAIN=local
proxy="$(go env GOPROXY | tr ',|' '\n\n' | grep -v '^direct$' | grep -v '^off$' | paste -sd, -)"
export GOPROXY="${proxy:-https://proxy.golang.org}"

mkdir -p bin/stand-in
start=$(date +%s)
go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$pinned" \
    -o bin/pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
# Not on PATH on purpose: the tests install it into their PULUMI_HOME with `pulumi plugin install --file`, the way
# a real provider is found; an ambient copy on PATH would short-circuit that.
go build -trimpath -o bin/stand-in/pulumi-resource-oci ./provider
install -m 0755 analyzer/pulumi-analyzer-policy-nodejs bin/pulumi-analyzer-policy-nodejs
echo "engine/build.sh: built $(bin/pulumi version) and the stand-in oci provider in $(($(date +%s) - start)) s"
