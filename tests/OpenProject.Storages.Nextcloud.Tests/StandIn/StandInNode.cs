using System.Globalization;
using System.Text;

namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>One file or folder in <see cref="StatefulNextcloud"/>'s tree; its id never changes, whatever moves.</summary>
internal sealed class StandInNode
{
    public StandInNode(long id, string name, StandInNode? parent, bool isFolder, string ownerId, string ownerDisplayName, DateTimeOffset now)
    {
        Id = id;
        Name = name;
        Parent = parent;
        IsFolder = isFolder;
        OwnerId = ownerId;
        OwnerDisplayName = ownerDisplayName;
        ModifiedAt = now;
        CreatedAt = now;
    }

    public long Id { get; }

    public string Name { get; set; }

    public StandInNode? Parent { get; set; }

    public bool IsFolder { get; }

    public string OwnerId { get; }

    public string OwnerDisplayName { get; }

    public Dictionary<string, StandInNode> Children { get; } = new(StringComparer.Ordinal);

    public byte[] Content { get; set; } = [];

    public DateTimeOffset ModifiedAt { get; set; }

    public DateTimeOffset CreatedAt { get; }

    public int Version { get; set; } = 1;

    /// <summary>Files: their length; folders: everything below (as <c>oc:size</c> reports it).</summary>
    public long Size => IsFolder ? Children.Values.Sum(child => child.Size) : Content.LongLength;

    public string ETag => string.Create(CultureInfo.InvariantCulture, $"\"{Id:x}{Version:x8}\"");

    /// <summary><c>oc:id</c> and the <c>OC-FileId</c> header: the padded id and the instance id.</summary>
    public string DavId => string.Create(CultureInfo.InvariantCulture, $"{Id:D8}{StatefulNextcloud.InstanceId}");

    public StoragePath Path => Parent is null ? StoragePath.Root : Parent.Path.Combine(Name);

    public bool IsSameOrBelow(StandInNode ancestor)
    {
        for (var node = this; node is not null; node = node.Parent)
        {
            if (ReferenceEquals(node, ancestor))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<StandInNode> SelfAndDescendants()
    {
        yield return this;
        foreach (var child in Children.Values)
        {
            foreach (var descendant in child.SelfAndDescendants())
            {
                yield return descendant;
            }
        }
    }

    /// <summary>What Nextcloud's extension-based detection gives (folders have none).</summary>
    public string? ContentType => IsFolder ? null : MimeTypeOf(Name);

    private static string MimeTypeOf(string name)
    {
        var dot = name.LastIndexOf('.');
        var extension = dot < 0 ? string.Empty : name[(dot + 1)..].ToUpperInvariant();
        return extension switch
        {
            "TXT" => "text/plain",
            "MD" => "text/markdown",
            "PDF" => "application/pdf",
            "PNG" => "image/png",
            "JPG" or "JPEG" => "image/jpeg",
            "JSON" => "application/json",
            _ => "application/octet-stream",
        };
    }

    /// <summary>Nextcloud's permission letters for a user's permissions on this node (<c>DavUtil::getDavPermissions</c>).</summary>
    public string PermissionLetters(StoragePermissions permissions)
    {
        var letters = new StringBuilder();
        if (permissions.HasFlag(StoragePermissions.Share))
        {
            letters.Append('R');
        }

        if (permissions.HasFlag(StoragePermissions.Read))
        {
            letters.Append('G');
        }

        if (permissions.HasFlag(StoragePermissions.Delete))
        {
            letters.Append('D');
        }

        if (permissions.HasFlag(StoragePermissions.Write))
        {
            letters.Append("NV");
            if (!IsFolder)
            {
                letters.Append('W');
            }
        }

        if (IsFolder && permissions.HasFlag(StoragePermissions.Create))
        {
            letters.Append("CK");
        }

        return letters.ToString();
    }
}
