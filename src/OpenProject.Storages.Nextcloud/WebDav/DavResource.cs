namespace OpenProject.Storages.Nextcloud.WebDav;

/// <summary>One <c>d:response</c> of a 207 multistatus, with the properties the provider reads.</summary>
internal sealed class DavResource
{
    // An int with 0 for none rather than an int?: the 4 bytes saved make room for the TeamFolder
    // reference without growing the object, which a listing allocates once per entry.
    private int _status;

    /// <summary>The href exactly as the server sent it (escaped).</summary>
    public string Href { get; set; } = string.Empty;

    /// <summary>The response-level status (<c>d:response/d:status</c>) when the server gave one instead of propstats.</summary>
    public int? Status
    {
        get => _status == 0 ? null : _status;
        set => _status = value ?? 0;
    }

    /// <summary><c>oc:fileid</c>: the instance-wide numeric id (never <c>oc:id</c>, which carries the instance id).</summary>
    public string? FileId { get; set; }

    /// <summary><c>oc:size</c>: bytes, also for folders.</summary>
    public long? Size { get; set; }

    /// <summary><c>d:getcontenttype</c>; folders have none.</summary>
    public string? ContentType { get; set; }

    /// <summary><c>d:getcontentlength</c>; files only.</summary>
    public long? ContentLength { get; set; }

    /// <summary><c>d:getlastmodified</c>.</summary>
    public DateTimeOffset? LastModified { get; set; }

    /// <summary><c>oc:permissions</c> letters.</summary>
    public string? Permissions { get; set; }

    /// <summary><c>oc:owner-display-name</c>.</summary>
    public string? OwnerDisplayName { get; set; }

    /// <summary>Whether <c>d:resourcetype</c> contains <c>d:collection</c>.</summary>
    public bool IsCollection { get; set; }

    /// <summary><c>nc:creation_time</c> (unix seconds; 0 when the storage does not track it).</summary>
    public long? CreationTime { get; set; }

    /// <summary><c>d:getetag</c>.</summary>
    public string? ETag { get; set; }

    /// <summary><c>d:displayname</c>.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The team folder properties, when the parser was asked for them and the response carried one.</summary>
    public DavTeamFolderProperties? TeamFolder { get; set; }

    /// <summary>Properties that came in a 200 propstat.</summary>
    public DavProperties Found { get; set; }

    /// <summary>Properties the server reported in a non-200 propstat (404: the item has no such property).</summary>
    public DavProperties Missing { get; set; }
}
