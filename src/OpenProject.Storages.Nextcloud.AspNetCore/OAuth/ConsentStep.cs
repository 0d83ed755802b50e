using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OpenProject.Storages.Nextcloud.AspNetCore.OAuth;

/// <summary>
/// The consent step of the authorization endpoint ("Authorize Nextcloud to read and write your work packages and
/// file links"): asked once per user, remembered as a permanent OpenIddict authorization, so a reconnect goes
/// straight back to Nextcloud. The page posts the authorization request back to the same endpoint with an
/// antiforgery token, so another site cannot make a signed-in user consent.
/// </summary>
internal static class ConsentStep
{
    public const string Field = "consent";
    public const string Accept = "accept";
    public const string Deny = "deny";

    /// <summary>The user's remembered consent for the client, or <see langword="null"/>.</summary>
    public static async Task<string?> FindAsync(HttpContext context, string subject, string clientId)
    {
        var applications = context.RequestServices.GetRequiredService<IOpenIddictApplicationManager>();
        var authorizations = context.RequestServices.GetRequiredService<IOpenIddictAuthorizationManager>();
        var application = await applications.FindByClientIdAsync(clientId, context.RequestAborted).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The Nextcloud client is not registered.");
        var applicationId = await applications.GetIdAsync(application, context.RequestAborted).ConfigureAwait(false);
        await foreach (var authorization in authorizations.FindAsync(subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, [Scopes.OfflineAccess, NextcloudIntegrationDefaults.ApiScope], context.RequestAborted).ConfigureAwait(false))
        {
            return await authorizations.GetIdAsync(authorization, context.RequestAborted).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>Remembers the user's consent; its id goes into the tokens, so revoking it revokes them.</summary>
    public static async Task<string?> RememberAsync(HttpContext context, System.Security.Claims.ClaimsIdentity identity, string subject, string clientId)
    {
        var applications = context.RequestServices.GetRequiredService<IOpenIddictApplicationManager>();
        var authorizations = context.RequestServices.GetRequiredService<IOpenIddictAuthorizationManager>();
        var application = await applications.FindByClientIdAsync(clientId, context.RequestAborted).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The Nextcloud client is not registered.");
        var authorization = await authorizations.CreateAsync(
            new System.Security.Claims.ClaimsPrincipal(identity),
            subject,
            (await applications.GetIdAsync(application, context.RequestAborted).ConfigureAwait(false))!,
            AuthorizationTypes.Permanent,
            [Scopes.OfflineAccess, NextcloudIntegrationDefaults.ApiScope],
            context.RequestAborted).ConfigureAwait(false);
        return await authorizations.GetIdAsync(authorization, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Whether this request is the consent form's answer with a valid antiforgery token, and which.</summary>
    public static async Task<string?> AnswerAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            return null;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var answer = form[Field].ToString();
        if (answer is not (Accept or Deny))
        {
            return null;
        }

        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false) ? answer : null;
    }

    /// <summary>The page: what Nextcloud gets, for whom, and the two buttons; every request parameter is carried in hidden fields.</summary>
    public static IResult Page(HttpContext context, OpenIddictRequest request, string? userName)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var html = HtmlEncoder.Default;
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Authorize Nextcloud</title></head><body><main>");
        page.Append("<h1>Authorize Nextcloud</h1>");
        page.Append("<p>Authorize Nextcloud to read and write your work packages and file links");
        if (!string.IsNullOrEmpty(userName))
        {
            page.Append(" as <strong>").Append(html.Encode(userName)).Append("</strong>");
        }

        page.Append(".</p><p>Nextcloud will then show your work packages next to your files, link files, create work packages and show your notifications.</p>");
        page.Append("<form method=\"post\" action=\"").Append(html.Encode(context.Request.PathBase + context.Request.Path)).Append("\">");
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is Field || name == tokens.FormFieldName)
            {
                continue;
            }

            page.Append("<input type=\"hidden\" name=\"").Append(html.Encode(name)).Append("\" value=\"").Append(html.Encode((string?)value ?? string.Empty)).Append("\">");
        }

        page.Append("<input type=\"hidden\" name=\"").Append(html.Encode(tokens.FormFieldName)).Append("\" value=\"").Append(html.Encode(tokens.RequestToken!)).Append("\">");
        page.Append("<button type=\"submit\" name=\"consent\" value=\"accept\">Authorize</button> ");
        page.Append("<button type=\"submit\" name=\"consent\" value=\"deny\">Deny</button>");
        page.Append("</form></main></body></html>");

        // The page must not be framed: a framed consent button could be clicked by a user who cannot see it.
        context.Response.Headers.XFrameOptions = "DENY";
        context.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(page.ToString(), "text/html; charset=utf-8");
    }
}
