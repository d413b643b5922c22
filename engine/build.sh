#!/usr/bin/env bash
# Builds the real Pulumi CLI (at the @pulumi/pulumi version of package-lock.json, pinned in go.mod), the stand-in
# `oci` resource provider and the policy-analyzer shim into engine/bin/ (git-ignored). Go's module and build caches
# live outside the clone (see below) so CI keeps them between runs: a cold build downloads the modules from the Go module
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

# The caches outlive the clone (CI runs in a fresh clone each time): OKE_C3_GO_CACHE, else the user's cache
# folder, else engine/.cache/ when there is no home to write to. Only caches live there, never a build output.
cache="${OKE_C3_GO_CACHE:-}"
if [ -z "$cache" ]; then
    if [ -n "${HOME:-}" ] && mkdir -p "${XDG_CACHE_HOME:-$HOME/.cache}/oke-c3-network/go" 2>/dev/null; then
        cache="${XDG_CACHE_HOME:-$HOME/.cache}/oke-c3-network/go"
    else
        cache="$here/.cache"
    fi
fi
export GOMODCACHE="$cache/mod" GOCACHE="$cache/build" GOFLAGS=-mod=readonly GOTOOLCHAIN=local
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
