using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace OpenProject.Storages.Nextcloud.AspNetCore.OAuth;

/// <summary>
/// integration_openproject revokes with <c>POST /oauth/revoke?token=…</c> and an empty form body (OpenProject's
/// Doorkeeper reads either). OpenIddict reads only the body, so the token is taken from the query when the body
/// has none. Client authentication (HTTP Basic) is unchanged.
/// </summary>
internal sealed class RevocationTokenFromQuery : IOpenIddictServerHandler<ExtractRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractRevocationRequestContext>()
            .UseSingletonHandler<RevocationTokenFromQuery>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<ExtractRevocationRequestContext>.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractRevocationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request is not null && string.IsNullOrEmpty(request.Token)
            && context.Transaction.GetHttpRequest() is { } http
            && http.Query.TryGetValue("token", out var token)
            && token.Count == 1)
        {
            request.Token = token[0];
        }

        return ValueTask.CompletedTask;
    }
}
