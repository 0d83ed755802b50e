using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;

namespace OpenProject.Storages.Nextcloud.WebDav;

/// <summary>
/// Reads a 207 multistatus body as it arrives: a hardened, namespace-aware, asynchronous
/// <see cref="XmlReader"/> (no DTDs, no resolver), one <see cref="DavResource"/> per
/// <c>d:response</c>, several <c>d:propstat</c> blocks per response (properties in a non-200 block
/// are recorded as missing). Unknown properties are skipped without allocating their text.
/// </summary>
/// <remarks>
/// The team folder properties (<c>nc:mount-type</c>, <c>nc:group-folder-id</c>, <c>nc:acl-enabled</c>,
/// <c>nc:acl-can-manage</c>, <c>nc:acl-list</c>) are read only when the caller asks for them, into
/// <see cref="DavResource.TeamFolder"/>: a listing skips them like any unknown property, also the
/// <c>nc:acl-list</c> that Nextcloud may report in a 404 propstat, and so pays nothing for them.
/// A malformed or truncated body throws <see cref="XmlException"/>; a body that is not a multistatus throws <see cref="InvalidDataException"/>.
/// </remarks>
internal sealed class MultiStatusParser
{
    private const string DavNamespace = "DAV:";
    private const string OwnCloudNamespace = "http://owncloud.org/ns";
    private const string NextcloudNamespace = "http://nextcloud.org/ns";

    // At most 8 characters per ReadValueChunkAsync call: it returns a Task<int>, and only the
    // runtime's cached tasks (results up to 8) come without an allocation. A larger count cost one
    // task per value, as much as the string it replaced. Reading a value in pieces stays asynchronous:
    // a piece that is not buffered yet is read from the stream with an asynchronous read.
    private const int ChunkLength = 8;

    // The pool is bounded, so a body with many distinct owner names or content types cannot grow it.
    private const int MaxPooledLength = 128;
    private const int MaxPooledValues = 256;

    private readonly NameTable _names = new();
    private readonly string _dav;
    private readonly string _oc;
    private readonly string _nc;
    private readonly string _multistatus;
    private readonly string _response;
    private readonly string _href;
    private readonly string _propstat;
    private readonly string _prop;
    private readonly string _status;
    private readonly string _fileid;
    private readonly string _size;
    private readonly string _getcontenttype;
    private readonly string _getcontentlength;
    private readonly string _getlastmodified;
    private readonly string _permissions;
    private readonly string _ownerDisplayName;
    private readonly string _resourcetype;
    private readonly string _collection;
    private readonly string _creationTime;
    private readonly string _getetag;
    private readonly string _displayname;
    private readonly string? _mountType;
    private readonly string? _groupFolderId;
    private readonly string? _aclEnabled;
    private readonly string? _aclCanManage;
    private readonly string? _aclList;
    private readonly string? _acl;
    private readonly string? _aclMappingType;
    private readonly string? _aclMappingId;
    private readonly string? _aclMask;
    private readonly string? _aclPermissions;

    private readonly bool _teamFolder;

    // Values are read into this buffer rather than through XmlReader.Value, so that numbers, dates
    // and status lines cost no string, and repeating values (content types, permission letters,
    // owner names) are shared through _pool: one string each per body instead of one per entry.
    private char[] _text = new char[256];
    private int _textLength;
    private Dictionary<string, string>? _pool;

    private MultiStatusParser(bool teamFolderProperties)
    {
        _teamFolder = teamFolderProperties;
        _dav = _names.Add(DavNamespace);
        _oc = _names.Add(OwnCloudNamespace);
        _nc = _names.Add(NextcloudNamespace);
        _multistatus = _names.Add("multistatus");
        _response = _names.Add("response");
        _href = _names.Add("href");
        _propstat = _names.Add("propstat");
        _prop = _names.Add("prop");
        _status = _names.Add("status");
        _fileid = _names.Add("fileid");
        _size = _names.Add("size");
        _getcontenttype = _names.Add("getcontenttype");
        _getcontentlength = _names.Add("getcontentlength");
        _getlastmodified = _names.Add("getlastmodified");
        _permissions = _names.Add("permissions");
        _ownerDisplayName = _names.Add("owner-display-name");
        _resourcetype = _names.Add("resourcetype");
        _collection = _names.Add("collection");
        _creationTime = _names.Add("creation_time");
        _getetag = _names.Add("getetag");
        _displayname = _names.Add("displayname");
        if (!teamFolderProperties)
        {
            return;
        }

        _mountType = _names.Add("mount-type");
        _groupFolderId = _names.Add("group-folder-id");
        _aclEnabled = _names.Add("acl-enabled");
        _aclCanManage = _names.Add("acl-can-manage");
        _aclList = _names.Add("acl-list");
        _acl = _names.Add("acl");
        _aclMappingType = _names.Add("acl-mapping-type");
        _aclMappingId = _names.Add("acl-mapping-id");
        _aclMask = _names.Add("acl-mask");
        _aclPermissions = _names.Add("acl-permissions");
    }

    /// <summary>The reader settings: asynchronous, DTDs prohibited, no resolver, no entity expansion beyond the built-in ones.</summary>
    public static XmlReaderSettings CreateSettings(XmlNameTable? names = null) => new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
        MaxCharactersFromEntities = 1024,
        NameTable = names,
    };

    /// <summary>Reads the responses of a multistatus body one at a time.</summary>
    public static IAsyncEnumerable<DavResource> ParseAsync(Stream body, CancellationToken cancellationToken = default) =>
        new MultiStatusParser(teamFolderProperties: false).ReadAsync(body, cancellationToken);

    /// <summary>Reads the responses of a multistatus body one at a time, with the team folder properties (<see cref="DavResource.TeamFolder"/>).</summary>
    public static IAsyncEnumerable<DavResource> ParseAsync(Stream body, bool teamFolderProperties, CancellationToken cancellationToken = default) =>
        new MultiStatusParser(teamFolderProperties).ReadAsync(body, cancellationToken);

    private async IAsyncEnumerable<DavResource> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(body, CreateSettings(_names));
        if (await reader.MoveToContentAsync().ConfigureAwait(false) != XmlNodeType.Element
            || !Is(reader, _multistatus, _dav))
        {
            throw new InvalidDataException("The body is not a WebDAV multistatus.");
        }

        if (reader.IsEmptyElement)
        {
            yield break;
        }

        var depth = reader.Depth;
        var bag = new DavResource();
        await ReadNextAsync(reader).ConfigureAwait(false);
        while (!IsEnd(reader, depth))
        {
            if (reader.NodeType == XmlNodeType.Element && Is(reader, _response, _dav))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return await ReadResponseAsync(reader, bag).ConfigureAwait(false);
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                await reader.SkipAsync().ConfigureAwait(false);
            }
            else
            {
                await ReadNextAsync(reader).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<DavResource> ReadResponseAsync(XmlReader reader, DavResource bag)
    {
        var resource = new DavResource();
        if (reader.IsEmptyElement)
        {
            await ReadNextAsync(reader).ConfigureAwait(false);
            return resource;
        }

        var depth = reader.Depth;
        await ReadNextAsync(reader).ConfigureAwait(false);
        while (!IsEnd(reader, depth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                await ReadNextAsync(reader).ConfigureAwait(false);
            }
            else if (Is(reader, _href, _dav))
            {
                await ReadTextIntoBufferAsync(reader).ConfigureAwait(false);
                resource.Href = new string(Text.Trim());
            }
            else if (Is(reader, _status, _dav))
            {
                await ReadTextIntoBufferAsync(reader).ConfigureAwait(false);
                resource.Status = ParseStatus(Text);
            }
            else if (Is(reader, _propstat, _dav) && !reader.IsEmptyElement)
            {
                await ReadPropstatAsync(reader, resource, bag).ConfigureAwait(false);
            }
            else
            {
                await reader.SkipAsync().ConfigureAwait(false);
            }
        }

        await ReadNextAsync(reader).ConfigureAwait(false);
        return resource;
    }

    private async ValueTask ReadPropstatAsync(XmlReader reader, DavResource resource, DavResource bag)
    {
        // d:status follows d:prop, so values wait in the bag until the status says whether they count.
        bag.Found = DavProperties.None;
        var status = 0;
        var depth = reader.Depth;
        await ReadNextAsync(reader).ConfigureAwait(false);
        while (!IsEnd(reader, depth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                await ReadNextAsync(reader).ConfigureAwait(false);
            }
            else if (Is(reader, _prop, _dav) && !reader.IsEmptyElement)
            {
                await ReadPropAsync(reader, bag).ConfigureAwait(false);
            }
            else if (Is(reader, _status, _dav))
            {
                await ReadTextIntoBufferAsync(reader).ConfigureAwait(false);
                status = ParseStatus(Text) ?? 0;
            }
            else
            {
                await reader.SkipAsync().ConfigureAwait(false);
            }
        }

        await ReadNextAsync(reader).ConfigureAwait(false);
        if ((bag.Found & DavProperties.AclList) != 0)
        {
            // Callers of a PROPPATCH need the refusal's code, not only that the property is missing.
            (resource.TeamFolder ??= new()).AclListStatus = status == 0 ? null : status;
        }

        if (status is >= 200 and < 300)
        {
            Commit(bag, resource);
        }
        else
        {
            resource.Missing |= bag.Found;
        }
    }

    private async ValueTask ReadPropAsync(XmlReader reader, DavResource bag)
    {
        var depth = reader.Depth;
        await ReadNextAsync(reader).ConfigureAwait(false);
        while (!IsEnd(reader, depth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                await ReadNextAsync(reader).ConfigureAwait(false);
                continue;
            }

            var name = reader.LocalName;
            var ns = reader.NamespaceURI;
            if ((object)ns == _dav)
            {
                if ((object)name == _resourcetype)
                {
                    bag.Found |= DavProperties.ResourceType;
                    bag.IsCollection = await ReadResourceTypeAsync(reader).ConfigureAwait(false);
                }
                else if ((object)name == _getcontenttype)
                {
                    bag.Found |= DavProperties.ContentType;
                    bag.ContentType = await ReadPooledTextAsync(reader).ConfigureAwait(false);
                }
                else if ((object)name == _getlastmodified)
                {
                    bag.Found |= DavProperties.LastModified;
                    await ReadTextIntoBufferAsync(reader).ConfigureAwait(false);
                    bag.LastModified = ParseDate(Text);
                }
                else if ((object)name == _getcontentlength)
                {
                    bag.Found |= DavProperties.ContentLength;
                    await ReadTextIntoBufferAsync(reader).ConfigureAwait(false);
                    bag.ContentLength = ParseLong(Text);
                }
                else if ((object)name == _getetag)
                {
                    bag.Found |= DavProperties.ETag;
                    bag.ETag = await ReadTextAsync(reader).ConfigureAwait(false);
                }
                else if ((object)name == _displayname)
                {
                    bag.Found |= DavProperties.DisplayName;
                    bag.DisplayName = await ReadTextAsync(reader).ConfigureAwait(false);
                }
                else
                {
                    await reader.SkipAsync().ConfigureAwait(false);
                }
            }
            else if ((object)ns == _oc)
            {
                if ((object)name == _fileid)
                {
                    bag.Found |= DavProperties.FileId;
                    bag.FileId = await ReadTextAsync(reader).ConfigureAwait(false);
                }
                else if ((object)name == _size)
                {
                    bag.Found |= DavProperties.Size;
                    await ReadTextIntoBufferAsync(reader).ConfigureAwait(false);
                    bag.Size = ParseLong(Text);
                }
                else if ((object)name == _permissions)
                {
                    bag.Found |= DavProperties.Permissions;
                    bag.Permissions = await ReadPooledTextAsync(reader).ConfigureAwait(false);
                }
                else if ((object)name == _ownerDisplayName)
                {
                    bag.Found |= DavProperties.OwnerDisplayName;
                    bag.OwnerDisplayName = await ReadPooledTextAsync(reader).ConfigureAwait(false);
                }
                else
                {
                    await reader.SkipAsync().ConfigureAwait(false);
                }
            }
            else if ((object)ns == _nc)
            {
                if ((object)name == _creationTime)
                {
                    bag.Found |= DavProperties.CreationTime;
                    await ReadTextIntoBufferAsync(reader).ConfigureAwait(false);
                    bag.CreationTime = ParseLong(Text);
                }
                else if (_teamFolder)
                {
                    await ReadTeamFolderPropertyAsync(reader, name, bag).ConfigureAwait(false);
                }
                else
                {
                    await reader.SkipAsync().ConfigureAwait(false);
                }
            }
            else
            {
                await reader.SkipAsync().ConfigureAwait(false);
            }
        }

        await ReadNextAsync(reader).ConfigureAwait(false);
    }

    /// <summary>An <c>nc:</c> property other than <c>nc:creation_time</c>: a team folder property, or skipped.</summary>
    private async ValueTask ReadTeamFolderPropertyAsync(XmlReader reader, string name, DavResource bag)
    {
        if ((object)name == _mountType)
        {
            TeamFolder(bag, DavProperties.MountType).MountType = await ReadTextAsync(reader).ConfigureAwait(false);
        }
        else if ((object)name == _groupFolderId)
        {
            TeamFolder(bag, DavProperties.GroupFolderId).GroupFolderId = await ReadTextAsync(reader).ConfigureAwait(false);
        }
        else if ((object)name == _aclEnabled)
        {
            await ReadTextIntoBufferAsync(reader).ConfigureAwait(false);
            TeamFolder(bag, DavProperties.AclEnabled).AclEnabled = IsTrue(Text);
        }
        else if ((object)name == _aclCanManage)
        {
            await ReadTextIntoBufferAsync(reader).ConfigureAwait(false);
            TeamFolder(bag, DavProperties.AclCanManage).AclCanManage = IsTrue(Text);
        }
        else if ((object)name == _aclList)
        {
            TeamFolder(bag, DavProperties.AclList).AclList = await ReadAclListAsync(reader).ConfigureAwait(false);
        }
        else
        {
            await reader.SkipAsync().ConfigureAwait(false);
        }
    }

    private static DavTeamFolderProperties TeamFolder(DavResource bag, DavProperties property)
    {
        bag.Found |= property;
        return bag.TeamFolder ??= new DavTeamFolderProperties();
    }

    private async ValueTask<IReadOnlyList<DavAcl>> ReadAclListAsync(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            await ReadNextAsync(reader).ConfigureAwait(false);
            return [];
        }

        var rules = new List<DavAcl>();
        var depth = reader.Depth;
        await ReadNextAsync(reader).ConfigureAwait(false);
        while (!IsEnd(reader, depth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                await ReadNextAsync(reader).ConfigureAwait(false);
            }
            else if ((object)reader.LocalName == _acl && (object)reader.NamespaceURI == _nc)
            {
                rules.Add(await ReadAclAsync(reader).ConfigureAwait(false));
            }
            else
            {
                await reader.SkipAsync().ConfigureAwait(false);
            }
        }

        await ReadNextAsync(reader).ConfigureAwait(false);
        return rules;
    }

    private async ValueTask<DavAcl> ReadAclAsync(XmlReader reader)
    {
        string? type = null, id = null, mask = null, permissions = null;
        if (reader.IsEmptyElement)
        {
            await ReadNextAsync(reader).ConfigureAwait(false);
            return new DavAcl(type, id, mask, permissions);
        }

        var depth = reader.Depth;
        await ReadNextAsync(reader).ConfigureAwait(false);
        while (!IsEnd(reader, depth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                await ReadNextAsync(reader).ConfigureAwait(false);
            }
            else if ((object)reader.NamespaceURI != _nc)
            {
                await reader.SkipAsync().ConfigureAwait(false);
            }
            else if ((object)reader.LocalName == _aclMappingType)
            {
                type = await ReadTextAsync(reader).ConfigureAwait(false);
            }
            else if ((object)reader.LocalName == _aclMappingId)
            {
                id = await ReadTextAsync(reader).ConfigureAwait(false);
            }
            else if ((object)reader.LocalName == _aclMask)
            {
                mask = await ReadTextAsync(reader).ConfigureAwait(false);
            }
            else if ((object)reader.LocalName == _aclPermissions)
            {
                permissions = await ReadTextAsync(reader).ConfigureAwait(false);
            }
            else
            {
                await reader.SkipAsync().ConfigureAwait(false);
            }
        }

        await ReadNextAsync(reader).ConfigureAwait(false);
        return new DavAcl(type, id, mask, permissions);
    }

    private async ValueTask<bool> ReadResourceTypeAsync(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            await ReadNextAsync(reader).ConfigureAwait(false);
            return false;
        }

        var collection = false;
        var depth = reader.Depth;
        await ReadNextAsync(reader).ConfigureAwait(false);
        while (!IsEnd(reader, depth))
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                collection |= Is(reader, _collection, _dav);
                await reader.SkipAsync().ConfigureAwait(false);
            }
            else
            {
                await ReadNextAsync(reader).ConfigureAwait(false);
            }
        }

        await ReadNextAsync(reader).ConfigureAwait(false);
        return collection;
    }

    /// <summary>The text of a simple element as a new string.</summary>
    private async ValueTask<string> ReadTextAsync(XmlReader reader)
    {
        await ReadTextIntoBufferAsync(reader).ConfigureAwait(false);
        return _textLength == 0 ? string.Empty : new string(_text, 0, _textLength);
    }

    /// <summary>The text of a simple element, shared with earlier equal values of this body.</summary>
    private async ValueTask<string> ReadPooledTextAsync(XmlReader reader)
    {
        await ReadTextIntoBufferAsync(reader).ConfigureAwait(false);
        var text = Text;
        if (text.Length == 0)
        {
            return string.Empty;
        }

        if (text.Length > MaxPooledLength)
        {
            return text.ToString();
        }

        _pool ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var value = text.ToString();
        if (_pool.Count < MaxPooledValues)
        {
            _pool.Add(value, value);
        }

        return value;
    }

    private ReadOnlySpan<char> Text => _text.AsSpan(0, _textLength);

    /// <summary>
    /// The text of a simple element, node by node, into <see cref="Text"/>: no string per value, and
    /// cheaper than <c>ReadElementContentAsStringAsync</c>, which builds every value through a
    /// StringBuilder and an extra task.
    /// </summary>
    private async ValueTask ReadTextIntoBufferAsync(XmlReader reader)
    {
        _textLength = 0;
        if (reader.IsEmptyElement)
        {
            await ReadNextAsync(reader).ConfigureAwait(false);
            return;
        }

        var depth = reader.Depth;
        await ReadNextAsync(reader).ConfigureAwait(false);
        while (!IsEnd(reader, depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    await AppendValueAsync(reader).ConfigureAwait(false);
                    break;
                case XmlNodeType.Element:
                    await reader.SkipAsync().ConfigureAwait(false);
                    continue;
            }

            await ReadNextAsync(reader).ConfigureAwait(false);
        }

        await ReadNextAsync(reader).ConfigureAwait(false);
    }

    private async ValueTask AppendValueAsync(XmlReader reader)
    {
        // Fewer characters than asked for means the value ended, except one fewer: the reader holds
        // back a high surrogate that would be split from its pair. Stopping there saves a call per value.
        int read;
        do
        {
            if (_text.Length - _textLength < ChunkLength)
            {
                Array.Resize(ref _text, _text.Length * 2);
            }

            read = await reader.ReadValueChunkAsync(_text, _textLength, ChunkLength).ConfigureAwait(false);
            _textLength += read;
        }
        while (read >= ChunkLength - 1);
    }

    private static void Commit(DavResource bag, DavResource resource)
    {
        var found = bag.Found;
        resource.Found |= found;
        resource.Missing &= ~found;
        if ((found & DavProperties.FileId) != 0) { resource.FileId = bag.FileId; }
        if ((found & DavProperties.Size) != 0) { resource.Size = bag.Size; }
        if ((found & DavProperties.ContentType) != 0) { resource.ContentType = bag.ContentType; }
        if ((found & DavProperties.ContentLength) != 0) { resource.ContentLength = bag.ContentLength; }
        if ((found & DavProperties.LastModified) != 0) { resource.LastModified = bag.LastModified; }
        if ((found & DavProperties.Permissions) != 0) { resource.Permissions = bag.Permissions; }
        if ((found & DavProperties.OwnerDisplayName) != 0) { resource.OwnerDisplayName = bag.OwnerDisplayName; }
        if ((found & DavProperties.ResourceType) != 0) { resource.IsCollection = bag.IsCollection; }
        if ((found & DavProperties.CreationTime) != 0) { resource.CreationTime = bag.CreationTime; }
        if ((found & DavProperties.ETag) != 0) { resource.ETag = bag.ETag; }
        if ((found & DavProperties.DisplayName) != 0) { resource.DisplayName = bag.DisplayName; }
        if ((found & DavProperties.TeamFolder) != 0) { CommitTeamFolder(bag.TeamFolder!, resource.TeamFolder ??= new(), found); }
    }

    private static void CommitTeamFolder(DavTeamFolderProperties bag, DavTeamFolderProperties resource, DavProperties found)
    {
        if ((found & DavProperties.MountType) != 0) { resource.MountType = bag.MountType; }
        if ((found & DavProperties.GroupFolderId) != 0) { resource.GroupFolderId = bag.GroupFolderId; }
        if ((found & DavProperties.AclEnabled) != 0) { resource.AclEnabled = bag.AclEnabled; }
        if ((found & DavProperties.AclCanManage) != 0) { resource.AclCanManage = bag.AclCanManage; }
        if ((found & DavProperties.AclList) != 0) { resource.AclList = bag.AclList; }
    }

    private static bool Is(XmlReader reader, string localName, string ns) =>
        (object)reader.LocalName == localName && (object)reader.NamespaceURI == ns;

    private static bool IsEnd(XmlReader reader, int depth) =>
        reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth;

    private static async ValueTask ReadNextAsync(XmlReader reader)
    {
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            throw new XmlException("The multistatus body ended early.");
        }
    }

    /// <summary>The code of a status line such as <c>HTTP/1.1 404 Not Found</c>.</summary>
    internal static int? ParseStatus(ReadOnlySpan<char> statusLine)
    {
        var span = statusLine.Trim();
        var space = span.IndexOf(' ');
        if (space < 0)
        {
            return null;
        }

        span = span[(space + 1)..];
        var end = span.IndexOf(' ');
        if (end >= 0)
        {
            span = span[..end];
        }

        return int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
    }

    private static bool IsTrue(ReadOnlySpan<char> text) => text.Trim() is "1" or "true";

    private static long? ParseLong(ReadOnlySpan<char> text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTimeOffset? ParseDate(ReadOnlySpan<char> text) =>
        DateTimeOffset.TryParseExact(text.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
}
