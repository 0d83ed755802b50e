using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenProject.Storages.WebSample.Host;
using OpenProject.Storages.WebSample.Login;

namespace OpenProject.Storages.WebSample.Pages;

/// <summary>The user's own settings: the Nextcloud connection and disconnecting it.</summary>
public sealed class SettingsModel(IStorageLogin login) : PageModel
{
    public StorageConnectionState State { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        State = await login.GetStateAsync(SignedInUser.Of(User), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await login.DisconnectAsync(SignedInUser.Of(User), cancellationToken);
        Message = "Disconnected from Nextcloud. Your links stay; log in again to see their status.";
        return RedirectToPage();
    }
}
