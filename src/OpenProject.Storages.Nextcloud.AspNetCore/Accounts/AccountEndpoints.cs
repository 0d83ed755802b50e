using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Accounts;

/// <summary>
/// The host's own users connecting their Nextcloud account: the "Nextcloud login" button, the OAuth callback and
/// disconnect, over <see cref="NextcloudAccounts"/>. A failure is a page for the user with the status that says whose
/// it is: 400 for a callback that cannot be used (connect again), 503 when Nextcloud cannot be reached (try later),
/// 500 for a setup the administrator must fix. Messages never hold a code, state or token.
/// </summary>
internal static class AccountEndpoints
{
    /// <summary><c>GET …/connect?returnUrl=</c>: starts the flow and sends the browser to Nextcloud.</summary>
    public static async Task<IResult> ConnectAsync(HttpContext http, NextcloudAccounts accounts, StorageId storage, string? returnUrl)
    {
        if (User(http) is not { } user)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.GetEncodedPathAndQuery() });
        }

        try
        {
            var request = await accounts.BeginConnectAsync(storage, user, LocalOrNull(returnUrl), http.RequestAborted).ConfigureAwait(false);
            return Results.Redirect(request.AuthorizationUri.AbsoluteUri);
        }
        catch (StorageException error)
        {
            return Failure(error);
        }
    }

    /// <summary><c>GET …/callback</c>: exactly the redirect URI registered in Nextcloud; back to the page the user came from.</summary>
    public static async Task<IResult> CallbackAsync(HttpContext http, NextcloudAccounts accounts)
    {
        if (User(http) is not { } user)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.GetEncodedPathAndQuery() });
        }

        try
        {
            var callback = StorageConnectCallback.FromUrl(new Uri(http.Request.GetEncodedUrl()));
            var connection = await accounts.CompleteConnectAsync(user, callback, http.RequestAborted).ConfigureAwait(false);
            return Results.Redirect(LocalOrNull(connection.ReturnUrl) ?? "/");
        }
        catch (StorageException error)
        {
            return Failure(error);
        }
    }

    /// <summary><c>POST …/disconnect</c>: forgets the user's tokens (the files and links stay); 204.</summary>
    public static async Task<IResult> DisconnectAsync(HttpContext http, NextcloudAccounts accounts, StorageId storage)
    {
        if (User(http) is not { } user)
        {
            return Results.Unauthorized();
        }

        try
        {
            await accounts.DisconnectAsync(storage, user, http.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        }
        catch (StorageException error)
        {
            return Failure(error);
        }
    }

    /// <summary>The status per kind of failure, and a short page for the user.</summary>
    public static IResult Failure(StorageException error)
    {
        var status = error.Code == StorageErrorCode.Unavailable ? StatusCodes.Status503ServiceUnavailable
            : error.Code == StorageErrorCode.NotConfigured || error.Code == NextcloudAccountErrorCodes.InvalidClient || error.Code == NextcloudAccountErrorCodes.ClientNotAuthorized || error.Code == NextcloudAccountErrorCodes.RedirectUriMismatch
                ? StatusCodes.Status500InternalServerError
                : StatusCodes.Status400BadRequest;
        var message = HtmlEncoder.Default.Encode(error.Message);
        return Results.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Nextcloud connection</title></head><body><main><h1>Connecting to Nextcloud failed</h1><p>{message}</p><p><a href=\"/\">Back</a></p></main></body></html>",
            "text/html; charset=utf-8",
            statusCode: status);
    }

    /// <summary>Only the host's own pages: a relative path, never <c>//host</c> or an absolute URL.</summary>
    public static string? LocalOrNull(string? url) =>
        url is { Length: > 0 and <= 2048 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : null;

    private static HostUserId? User(HttpContext http)
    {
        var id = http.User.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? http.User.FindFirst(Claims.Subject)?.Value;
        return http.User.Identity?.IsAuthenticated == true && !string.IsNullOrEmpty(id) ? new HostUserId(id) : null;
    }
}
