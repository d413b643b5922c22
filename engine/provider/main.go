// Command pulumi-resource-oci is a stand-in for the OCI resource provider, used by `npm run test:engine`.
//
// The real pulumi-resource-oci cannot be built from the Go module proxy (see README, "Limits"), so the engine
// tests run the real Pulumi CLI, engine and policy analyzer against this test double of the cloud instead. It
// keeps exactly the parts of a provider's contract the engine and the policy pack depend on:
//
//   - Check returns the inputs unchanged (no defaults, no validation: the stand-in is not OCI's schema);
//   - Diff compares the old inputs with the new ones, top-level key by key. Any changed key is an in-place
//     update; the stand-in never asks for a replacement (the real provider replaces on ForceNew fields such
//     as a subnet's cidrBlock, which the tests do not change). Unknown new values count as changes;
//   - Create and Update return a deterministic id, `ocid1.<kind>.stand-in.<hash of the URN>`, and the inputs
//     as outputs, plus the outputs OCI computes that programs read back (a VCN's default security list,
//     route table and DHCP options ids); in a preview the id and those computed outputs are unknown;
//   - unknowns and secrets pass through untouched, and the provider supports previews (Create and Update are
//     called with preview=true), as the bridged OCI provider does.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/resource/provider"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// version is the @pulumi/oci version the package is tested with; the SDK asks the engine for exactly this
// plugin version, so the stand-in is installed under it.
var version = "4.20.0"

const vcnType = "oci:Core/vcn:Vcn"

func main() {
	if err := provider.Main("oci", func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return &standIn{}, nil
	}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

type standIn struct {
	pulumirpc.UnimplementedResourceProviderServer
}

var opts = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true, Label: "stand-in"}

func (*standIn) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (*standIn) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: fmt.Sprintf(`{"name":"oci","version":%q}`, version)}, nil
}

func (*standIn) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (*standIn) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (*standIn) Configure(context.Context, *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true, AcceptResources: true}, nil
}

func (*standIn) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

// Diff reports every top-level input key whose value changed; no change is a replacement (see the package doc).
func (*standIn) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := plugin.UnmarshalProperties(req.GetOldInputs(), opts)
	if err != nil {
		return nil, err
	}
	news, err := plugin.UnmarshalProperties(req.GetNews(), opts)
	if err != nil {
		return nil, err
	}
	ignored := map[string]bool{}
	for _, k := range req.GetIgnoreChanges() {
		ignored[k] = true
	}
	var changed []string
	diff := olds.Diff(news)
	if diff != nil {
		for _, k := range diff.ChangedKeys() {
			if !ignored[string(k)] {
				changed = append(changed, string(k))
			}
		}
	}
	for k, v := range news {
		if v.ContainsUnknowns() && !ignored[string(k)] && !contains(changed, string(k)) {
			changed = append(changed, string(k))
		}
	}
	if len(changed) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME, Diffs: changed}, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// standInID is `ocid1.<kind>.stand-in.<12 hex digits of sha256(urn)>`: stable across runs, distinct per resource,
// the kind from the type token as the mock engine names it (`oci:Core/vcn:Vcn` gives `vcn`).
func standInID(urn string) string {
	sum := sha256.Sum256([]byte(urn))
	t := typeOf(urn)
	return fmt.Sprintf("ocid1.%s.stand-in.%s", strings.ToLower(t[strings.LastIndex(t, ":")+1:]), hex.EncodeToString(sum[:6]))
}

// typeOf is the resource's own type token from its URN (urn:pulumi:stack::project::parent$type::name).
func typeOf(urn string) string {
	parts := strings.Split(urn, "::")
	if len(parts) < 3 {
		return ""
	}
	types := strings.Split(parts[2], "$")
	return types[len(types)-1]
}

// outputs are the inputs plus what OCI computes; `id` empty means unknown (a preview of a new resource).
func outputs(urn, id string, inputs *structpb.Struct) (*structpb.Struct, error) {
	props, err := plugin.UnmarshalProperties(inputs, opts)
	if err != nil {
		return nil, err
	}
	if typeOf(urn) == vcnType {
		for key, kind := range map[string]string{
			"defaultSecurityListId": "securitylist",
			"defaultRouteTableId":   "routetable",
			"defaultDhcpOptionsId":  "dhcpoptions",
		} {
			if id == "" {
				props[resource.PropertyKey(key)] = resource.MakeComputed(resource.NewStringProperty(""))
			} else {
				props[resource.PropertyKey(key)] = resource.NewStringProperty(
					strings.Replace(id, "ocid1.vcn.", "ocid1."+kind+".", 1) + "-default")
			}
		}
	}
	return plugin.MarshalProperties(props, opts)
}

func (*standIn) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	id := ""
	if !req.GetPreview() {
		id = standInID(req.GetUrn())
	}
	props, err := outputs(req.GetUrn(), id, req.GetProperties())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

func (*standIn) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	props, err := outputs(req.GetUrn(), req.GetId(), req.GetNews())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

// Read returns the state the engine holds: the stand-in cloud never drifts.
func (*standIn) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (*standIn) Delete(context.Context, *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (*standIn) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}
