using System.Net;

namespace OpenProject.Storages.OneDrive.Tests.StandIn;

/// <summary>
/// Per-user access, as SharePoint enforces it for a user's delegated token: an item the user may not read does not
/// exist for them (404 <c>itemNotFound</c>, left out of listings and batches), and a write they may not make is 403
/// <c>accessDenied</c>. The app's own token (client credentials) sees and may do everything. A rule on a folder
/// applies to what is inside it unless an item below has its own.
/// </summary>
internal sealed partial class StatefulGraph
{
    public const string AppDisplayName = "SharePoint App";

    private readonly Dictionary<(string User, string NodeId), StoragePermissions> _rules = [];

    // Who sends the request being answered (every request is answered under _gate).
    private string _caller = string.Empty;

    /// <summary>Sets what the user with this display name may do with an item and what lies below it.</summary>
    public void Restrict(string displayName, StoragePath path, StoragePermissions permissions)
    {
        lock (_gate)
        {
            var node = Find(path) ?? throw new InvalidOperationException($"{path} does not exist.");
            _rules[(displayName, node.Id)] = permissions;
        }
    }

    private bool Can(GraphNode node, StoragePermissions wanted)
    {
        if (_caller == AppDisplayName)
        {
            return true;
        }

        for (var current = node; current is not null; current = current.Parent)
        {
            if (_rules.TryGetValue((_caller, current.Id), out var permissions))
            {
                return (permissions & wanted) == wanted;
            }
        }

        return true;
    }

    private static HttpResponseMessage AccessDenied() => Error(HttpStatusCode.Forbidden, "accessDenied", "Access denied");
}
