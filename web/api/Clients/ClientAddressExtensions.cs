using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace MovieGen.Api.Clients;

public static class ClientAddressExtensions
{
    /// <summary>The client is the socket peer, unless the peer is a configured trusted proxy: then
    /// X-Forwarded-For names it (walking back through trusted proxies only).</summary>
    public static WebApplicationBuilder AddClientAddresses(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClientAddressOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ClientAddressOptions>>((forwarded, client) =>
        {
            // The defaults trust loopback; only what TRUSTED_PROXIES names may speak for a client.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            var trusted = TrustedProxyList.Parse(client.Value.TrustedProxies);
            if (trusted.IsEmpty)
            {
                // Empty KnownProxies *and* KnownIPNetworks make the middleware trust every peer, so
                // with no proxy configured it must apply no header at all.
                forwarded.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = null;
            foreach (var address in trusted.Addresses)
            {
                forwarded.KnownProxies.Add(address);
            }

            foreach (var network in trusted.Networks)
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        builder.Services.AddSingleton<ClientKeys>();
        return builder;
    }
}
