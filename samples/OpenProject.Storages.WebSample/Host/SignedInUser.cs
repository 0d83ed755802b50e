using System.Security.Claims;

namespace OpenProject.Storages.WebSample.Host;

/// <summary>The host user id of the signed-in principal, as the library's <see cref="HostUserId"/>.</summary>
public static class SignedInUser
{
    public static HostUserId Of(ClaimsPrincipal principal) =>
        new(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The page requires a signed-in user."));
}
