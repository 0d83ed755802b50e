using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using System.Xml;
using OpenProject.Storages.Nextcloud.WebDav.Xml;

namespace OpenProject.Storages.Nextcloud.WebDav;

/// <summary>
/// Reads a 207 multistatus body as it arrives, one <see cref="DavResource"/> per <c>d:response</c>:
/// several <c>d:propstat</c> blocks per response (properties in a non-200 block are recorded as
/// missing), elements matched by namespace, never by prefix. Unknown properties are skipped without
/// allocating their text.
/// </summary>
/// <remarks>
/// <para>
/// Streaming: the body is read asynchronously into a pooled buffer, and each response is parsed as soon
/// as it has fully arrived (<see cref="XmlNodeFramer"/>), straight from its UTF-8 bytes
/// (<see cref="Utf8XmlReader"/>). Memory holds one buffer and the results, whatever the body's size.
/// </para>
/// <para>
/// Hardened: a document type declaration is refused (so no entity can expand), only the five built-in
/// entities and character references are read, nesting and a single response's size are bounded.
/// A malformed or truncated body throws <see cref="XmlException"/>; a body that is not a multistatus
/// throws <see cref="InvalidDataException"/>.
/// </para>
/// <para>
/// The team folder properties (<c>nc:mount-type</c>, <c>nc:group-folder-id</c>, <c>nc:acl-enabled</c>,
/// <c>nc:acl-can-manage</c>, <c>nc:acl-list</c>) are read only when the caller asks for them, into
/// <see cref="DavResource.TeamFolder"/>: a listing skips them like any unknown property, also the
/// <c>nc:acl-list</c> that Nextcloud may report in a 404 propstat, and so pays nothing for them.
/// </para>
/// </remarks>
internal sealed class MultiStatusParser
{
    // Repeating values (content types, permission letters, owner names) are shared: one string each
    // per body instead of one per entry. The pool is bounded, so a body with many distinct values cannot grow it.
    private const int MaxPooledLength = 128;
    private const int MaxPooledValues = 256;

    private readonly XmlReaderState _state = new();
    private readonly DavResource _bag = new();
    private readonly bool _teamFolder;
    private Dictionary<string, string>? _pool;

    private MultiStatusParser(bool teamFolderProperties) => _teamFolder = teamFolderProperties;

    /// <summary>Reads the responses of a multistatus body one at a time.</summary>
    public static IAsyncEnumerable<DavResource> ParseAsync(Stream body, CancellationToken cancellationToken = default) =>
        new MultiStatusParser(teamFolderProperties: false).ReadAsync(body, XmlInputBuffer.MaxNodeBytes, cancellationToken);

    /// <summary>Reads the responses of a multistatus body one at a time, with the team folder properties (<see cref="DavResource.TeamFolder"/>).</summary>
    public static IAsyncEnumerable<DavResource> ParseAsync(Stream body, bool teamFolderProperties, CancellationToken cancellationToken = default) =>
        new MultiStatusParser(teamFolderProperties).ReadAsync(body, XmlInputBuffer.MaxNodeBytes, cancellationToken);

    /// <summary>As <see cref="ParseAsync(Stream, bool, CancellationToken)"/>, with no single node (a name, a property) larger than <paramref name="maxNodeBytes"/>.</summary>
    public static IAsyncEnumerable<DavResource> ParseAsync(Stream body, bool teamFolderProperties, int maxNodeBytes, CancellationToken cancellationToken = default) =>
        new MultiStatusParser(teamFolderProperties).ReadAsync(body, maxNodeBytes, cancellationToken);

    private async IAsyncEnumerable<DavResource> ReadAsync(Stream body, int maxNodeBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var input = new XmlInputBuffer(body, maxNodeBytes);
        int rootLength;
        XmlMarkupKind rootKind;
        while (true)
        {
            var prolog = XmlProlog.Measure(input.Data, input.IsCompleted);
            if (prolog >= 0)
            {
                input.Advance(prolog);
                rootLength = XmlMarkup.Measure(input.Data, out rootKind);
                if (rootLength >= 0)
                {
                    break;
                }
            }

            await ReadMoreAsync(input, cancellationToken).ConfigureAwait(false);
        }

        var root = ReadRoot(input.Data[..rootLength], rootKind);
        input.Advance(rootLength);
        if (root is not null)
        {
            var framer = default(XmlNodeFramer);
            var betweenNodes = true;
            while (true)
            {
                if (betweenNodes)
                {
                    // Text between the responses is whitespace; it is dropped as it comes.
                    var open = input.Data.IndexOf((byte)'<');
                    input.Advance(open < 0 ? input.Data.Length : open);
                    if (open < 0)
                    {
                        await ReadMoreAsync(input, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (TryReadGuessedNode(input, out var guessed))
                    {
                        if (guessed is not null)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            yield return guessed;
                        }

                        continue;
                    }

                    framer.Reset();
                    betweenNodes = false;
                }

                var length = framer.Measure(input.Data, out var kind);
                if (length < 0)
                {
                    await ReadMoreAsync(input, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                betweenNodes = true;
                if (kind == XmlMarkupKind.EndTag)
                {
                    ReadRootEnd(input.Data[..length], root);
                    input.Advance(length);
                    break;
                }

                var resource = kind is XmlMarkupKind.StartTag or XmlMarkupKind.EmptyElementTag ? ReadNode(input.Data[..length], out _) : null;
                input.Advance(length);
                if (resource is not null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return resource;
                }
            }
        }

        do
        {
            input.Advance(XmlProlog.MeasureEpilog(input.Data));
        }
        while (await input.ReadMoreAsync(cancellationToken).ConfigureAwait(false));

        if (!input.Data.IsEmpty)
        {
            throw new XmlException("The body ended in the middle of markup.");
        }
    }

    /// <summary>
    /// Reads the node at the start of the input when its end tag has arrived (<see cref="XmlNodeFramer.Guess"/>);
    /// false when it has not, or when the guess was short: then the framer measures the node exactly.
    /// </summary>
    private bool TryReadGuessedNode(XmlInputBuffer input, out DavResource? resource)
    {
        resource = null;
        var length = XmlNodeFramer.Guess(input.Data);
        if (length < 0)
        {
            return false;
        }

        try
        {
            // The reader stops at the node's end, which is the guess's end, or earlier for <d:response/>.
            resource = ReadNode(input.Data[..length], out length);
        }
        catch (XmlException)
        {
            // A short guess, or a malformed node: the framer tells which, and the node is read again.
            _state.EndScope(0);
            return false;
        }

        input.Advance(length);
        return true;
    }

    private static async ValueTask ReadMoreAsync(XmlInputBuffer input, CancellationToken cancellationToken)
    {
        if (!await input.ReadMoreAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new XmlException("The multistatus body ended early.");
        }
    }

    /// <summary>The root's start tag: it must be <c>d:multistatus</c>. Returns its qualified name, or null when it is empty (<c>&lt;d:multistatus/&gt;</c>).</summary>
    private byte[]? ReadRoot(ReadOnlySpan<byte> startTag, XmlMarkupKind kind)
    {
        var reader = new Utf8XmlReader(startTag, _state, baseDepth: 0);
        reader.ReadStartElement();
        if (!reader.Is(XmlNamespace.Dav, "multistatus"u8))
        {
            throw new InvalidDataException("The body is not a WebDAV multistatus.");
        }

        return kind == XmlMarkupKind.StartTag ? reader.QualifiedName.ToArray() : null;
    }

    private static void ReadRootEnd(ReadOnlySpan<byte> endTag, byte[] root)
    {
        if (!endTag[2..^1].TrimEnd(XmlMarkup.Whitespace).SequenceEqual(root))
        {
            throw new XmlException("An end tag does not match the element it should end.");
        }
    }

    /// <summary>
    /// The child of the root that starts <paramref name="data"/> and has fully arrived: a <c>d:response</c>,
    /// or null for anything else. <paramref name="length"/> is how many bytes it took.
    /// </summary>
    private DavResource? ReadNode(ReadOnlySpan<byte> data, out int length)
    {
        var reader = new Utf8XmlReader(data, _state, baseDepth: 1);
        reader.ReadStartElement();
        if (!reader.Is(XmlNamespace.Dav, "response"u8))
        {
            reader.Skip();
            length = reader.Position;
            return null;
        }

        var resource = new DavResource();
        while (reader.ReadChild())
        {
            if (reader.Namespace != XmlNamespace.Dav)
            {
                reader.Skip();
            }
            else if (reader.LocalName.SequenceEqual("href"u8))
            {
                resource.Href = Utf8XmlReader.Decode(reader.ReadText().Trim(XmlMarkup.Whitespace));
            }
            else if (reader.LocalName.SequenceEqual("status"u8))
            {
                resource.Status = ParseStatus(reader.ReadText());
            }
            else if (reader.LocalName.SequenceEqual("propstat"u8))
            {
                ReadPropstat(ref reader, resource);
            }
            else
            {
                reader.Skip();
            }
        }

        length = reader.Position;
        return resource;
    }

    private void ReadPropstat(ref Utf8XmlReader reader, DavResource resource)
    {
        // d:status may follow d:prop, so values wait in the bag until the status says whether they count.
        var bag = _bag;
        bag.Found = DavProperties.None;
        var status = 0;
        while (reader.ReadChild())
        {
            if (reader.Is(XmlNamespace.Dav, "prop"u8))
            {
                ReadProp(ref reader, bag);
            }
            else if (reader.Is(XmlNamespace.Dav, "status"u8))
            {
                status = ParseStatus(reader.ReadText()) ?? 0;
            }
            else
            {
                reader.Skip();
            }
        }

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

    private void ReadProp(ref Utf8XmlReader reader, DavResource bag)
    {
        while (reader.ReadChild())
        {
            var found = reader.Namespace switch
            {
                XmlNamespace.Dav => ReadDavProperty(ref reader, bag),
                XmlNamespace.OwnCloud => ReadOwnCloudProperty(ref reader, bag),
                XmlNamespace.Nextcloud => ReadNextcloudProperty(ref reader, bag),
                _ => DavProperties.None,
            };
            if (found == DavProperties.None)
            {
                reader.Skip();
            }

            bag.Found |= found;
        }
    }

    private DavProperties ReadDavProperty(ref Utf8XmlReader reader, DavResource bag)
    {
        var name = reader.LocalName;
        if (name.SequenceEqual("resourcetype"u8))
        {
            var collection = false;
            while (reader.ReadChild())
            {
                collection |= reader.Is(XmlNamespace.Dav, "collection"u8);
                reader.Skip();
            }

            bag.IsCollection = collection;
            return DavProperties.ResourceType;
        }

        if (name.SequenceEqual("getcontenttype"u8))
        {
            bag.ContentType = ReadPooledString(reader.ReadText());
            return DavProperties.ContentType;
        }

        if (name.SequenceEqual("getlastmodified"u8))
        {
            bag.LastModified = ParseDate(reader.ReadText());
            return DavProperties.LastModified;
        }

        if (name.SequenceEqual("getcontentlength"u8))
        {
            bag.ContentLength = ParseLong(reader.ReadText());
            return DavProperties.ContentLength;
        }

        if (name.SequenceEqual("getetag"u8))
        {
            bag.ETag = Utf8XmlReader.Decode(reader.ReadText());
            return DavProperties.ETag;
        }

        if (name.SequenceEqual("displayname"u8))
        {
            bag.DisplayName = Utf8XmlReader.Decode(reader.ReadText());
            return DavProperties.DisplayName;
        }

        return DavProperties.None;
    }

    private DavProperties ReadOwnCloudProperty(ref Utf8XmlReader reader, DavResource bag)
    {
        var name = reader.LocalName;
        if (name.SequenceEqual("fileid"u8))
        {
            bag.FileId = Utf8XmlReader.Decode(reader.ReadText());
            return DavProperties.FileId;
        }

        if (name.SequenceEqual("size"u8))
        {
            bag.Size = ParseLong(reader.ReadText());
            return DavProperties.Size;
        }

        if (name.SequenceEqual("permissions"u8))
        {
            bag.Permissions = ReadPooledString(reader.ReadText());
            return DavProperties.Permissions;
        }

        if (name.SequenceEqual("owner-display-name"u8))
        {
            bag.OwnerDisplayName = ReadPooledString(reader.ReadText());
            return DavProperties.OwnerDisplayName;
        }

        return DavProperties.None;
    }

    private DavProperties ReadNextcloudProperty(ref Utf8XmlReader reader, DavResource bag)
    {
        var name = reader.LocalName;
        if (name.SequenceEqual("creation_time"u8))
        {
            bag.CreationTime = ParseLong(reader.ReadText());
            return DavProperties.CreationTime;
        }

        if (!_teamFolder)
        {
            return DavProperties.None;
        }

        if (name.SequenceEqual("mount-type"u8))
        {
            TeamFolder(bag).MountType = Utf8XmlReader.Decode(reader.ReadText());
            return DavProperties.MountType;
        }

        if (name.SequenceEqual("group-folder-id"u8))
        {
            TeamFolder(bag).GroupFolderId = Utf8XmlReader.Decode(reader.ReadText());
            return DavProperties.GroupFolderId;
        }

        if (name.SequenceEqual("acl-enabled"u8))
        {
            TeamFolder(bag).AclEnabled = IsTrue(reader.ReadText());
            return DavProperties.AclEnabled;
        }

        if (name.SequenceEqual("acl-can-manage"u8))
        {
            TeamFolder(bag).AclCanManage = IsTrue(reader.ReadText());
            return DavProperties.AclCanManage;
        }

        if (name.SequenceEqual("acl-list"u8))
        {
            TeamFolder(bag).AclList = ReadAclList(ref reader);
            return DavProperties.AclList;
        }

        return DavProperties.None;
    }

    private static DavTeamFolderProperties TeamFolder(DavResource bag) => bag.TeamFolder ??= new DavTeamFolderProperties();

    private static List<DavAcl> ReadAclList(ref Utf8XmlReader reader)
    {
        var rules = new List<DavAcl>();
        while (reader.ReadChild())
        {
            if (!reader.Is(XmlNamespace.Nextcloud, "acl"u8))
            {
                reader.Skip();
                continue;
            }

            string? type = null, id = null, mask = null, permissions = null;
            while (reader.ReadChild())
            {
                var name = reader.LocalName;
                if (reader.Namespace != XmlNamespace.Nextcloud)
                {
                    reader.Skip();
                }
                else if (name.SequenceEqual("acl-mapping-type"u8))
                {
                    type = Utf8XmlReader.Decode(reader.ReadText());
                }
                else if (name.SequenceEqual("acl-mapping-id"u8))
                {
                    id = Utf8XmlReader.Decode(reader.ReadText());
                }
                else if (name.SequenceEqual("acl-mask"u8))
                {
                    mask = Utf8XmlReader.Decode(reader.ReadText());
                }
                else if (name.SequenceEqual("acl-permissions"u8))
                {
                    permissions = Utf8XmlReader.Decode(reader.ReadText());
                }
                else
                {
                    reader.Skip();
                }
            }

            rules.Add(new DavAcl(type, id, mask, permissions));
        }

        return rules;
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

    /// <summary>A value shared with earlier equal values of this body.</summary>
    private string ReadPooledString(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        Span<char> characters = stackalloc char[MaxPooledLength];
        var status = Utf8.ToUtf16(text, characters, out _, out var length, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done)
        {
            return Utf8XmlReader.Decode(text);
        }

        _pool ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
        var value = characters[..length];
        if (lookup.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        var created = value.ToString();
        if (_pool.Count < MaxPooledValues)
        {
            _pool.Add(created, created);
        }

        return created;
    }

    /// <summary>The code of a status line such as <c>HTTP/1.1 404 Not Found</c>.</summary>
    internal static int? ParseStatus(ReadOnlySpan<byte> statusLine)
    {
        var span = statusLine.Trim(XmlMarkup.Whitespace);
        var space = span.IndexOf((byte)' ');
        if (space < 0)
        {
            return null;
        }

        span = span[(space + 1)..];
        var end = span.IndexOf((byte)' ');
        if (end >= 0)
        {
            span = span[..end];
        }

        return int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
    }

    private static bool IsTrue(ReadOnlySpan<byte> text)
    {
        var trimmed = text.Trim(XmlMarkup.Whitespace);
        return trimmed.SequenceEqual("1"u8) || trimmed.SequenceEqual("true"u8);
    }

    private static long? ParseLong(ReadOnlySpan<byte> text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTimeOffset? ParseDate(ReadOnlySpan<byte> text)
    {
        var trimmed = text.Trim(XmlMarkup.Whitespace);
        return Utf8Parser.TryParse(trimmed, out DateTimeOffset value, out var consumed, 'R') && consumed == trimmed.Length ? value : null;
    }
}
