using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenProject.Storages;
using OpenProject.Storages.Nextcloud;
using OpenProject.Storages.Nextcloud.AspNetCore.Accounts;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoints with which the host's users connect their Nextcloud account.</summary>
public static class NextcloudAccountEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>: <c>GET connect?returnUrl=</c> (the "Nextcloud login" button: starts the
    /// OAuth2 flow and redirects to Nextcloud), <c>GET callback</c> (set the storage's <c>OAuthRedirectUri</c> to this
    /// URL: completes the flow and goes back to the local <c>returnUrl</c>), and <c>POST disconnect</c> (204). The
    /// user comes from the host's authentication (<c>ClaimTypes.NameIdentifier</c> or <c>sub</c>); nobody signed in is
    /// challenged. Failures are a page with 400 (connect again), 503 (Nextcloud unreachable) or 500 (setup). Needs
    /// <c>AddNextcloudAccounts(storage)</c>. Protect <c>disconnect</c> against cross-site posts as the host does its
    /// other forms (antiforgery, SameSite cookies).
    /// </summary>
    /// <param name="endpoints">The host's endpoints.</param>
    /// <param name="storage">The storage's id, as registered with <c>AddNextcloudStorage</c>.</param>
    /// <param name="prefix">Where the endpoints live; default <c>/nextcloud</c>.</param>
    /// <returns>The group, to add conventions such as authorization policies or rate limiting.</returns>
    public static RouteGroupBuilder MapNextcloudAccountEndpoints(this IEndpointRouteBuilder endpoints, string storage = "nextcloud", string prefix = "/nextcloud")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var id = new StorageId(storage);
        var group = endpoints.MapGroup(prefix);
        group.MapGet("/connect", (HttpContext http, NextcloudAccounts accounts, string? returnUrl) => AccountEndpoints.ConnectAsync(http, accounts, id, returnUrl)).ExcludeFromDescription();
        group.MapGet("/callback", (Delegate)AccountEndpoints.CallbackAsync).ExcludeFromDescription();
        group.MapPost("/disconnect", (HttpContext http, NextcloudAccounts accounts) => AccountEndpoints.DisconnectAsync(http, accounts, id)).ExcludeFromDescription();
        return group;
    }
}
