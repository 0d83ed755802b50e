using System.Xml;

namespace OpenProject.Storages.Nextcloud.WebDav.Xml;

/// <summary>
/// What a <see cref="Utf8XmlReader"/> keeps across the pieces of one document: the namespace
/// declarations in scope (prefixes copied, because the bytes they came from move when the input
/// buffer is refilled), the names of the open elements, and a scratch buffer for text that needs decoding.
/// </summary>
internal sealed class XmlReaderState
{
    /// <summary>Deeper nesting is refused: a 207 body needs six levels, an ACL list eight.</summary>
    public const int MaxDepth = 64;

    private readonly List<Declaration> _declarations = [];
    private byte[] _prefixes = new byte[64];
    private int _prefixesLength;
    private byte[] _scratch = new byte[256];

    /// <summary>Start and length of each open element's qualified name in the piece being read.</summary>
    public (int Start, int Length)[] OpenElements { get; } = new (int, int)[MaxDepth + 1];

    /// <summary>Declares <paramref name="prefix"/> (empty for the default namespace) for elements at <paramref name="depth"/> and below.</summary>
    public void Declare(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> uri, int depth)
    {
        if (_prefixesLength + prefix.Length > _prefixes.Length)
        {
            Array.Resize(ref _prefixes, Math.Max(_prefixes.Length * 2, _prefixesLength + prefix.Length));
        }

        prefix.CopyTo(_prefixes.AsSpan(_prefixesLength));
        _declarations.Add(new Declaration(Pack(prefix), _prefixesLength, prefix.Length, Classify(uri, isDefault: prefix.IsEmpty), depth));
        _prefixesLength += prefix.Length;
    }

    /// <summary>Forgets the declarations made by elements deeper than <paramref name="depth"/>, which have ended.</summary>
    public void EndScope(int depth)
    {
        while (_declarations.Count > 0 && _declarations[^1].Depth > depth)
        {
            _prefixesLength = _declarations[^1].Start;
            _declarations.RemoveAt(_declarations.Count - 1);
        }
    }

    /// <summary>The namespace bound to <paramref name="prefix"/>; an undeclared prefix is a malformed document.</summary>
    public XmlNamespace Resolve(ReadOnlySpan<byte> prefix)
    {
        // Resolved for every element, so short prefixes (all real ones) are compared as one number.
        var key = Pack(prefix);
        for (var i = _declarations.Count - 1; i >= 0; i--)
        {
            var declaration = _declarations[i];
            if (key != 0 ? key == declaration.Key : prefix.SequenceEqual(_prefixes.AsSpan(declaration.Start, declaration.Length)))
            {
                return declaration.Namespace;
            }
        }

        if (prefix.IsEmpty)
        {
            return XmlNamespace.None;
        }

        if (prefix.SequenceEqual("xml"u8))
        {
            return XmlNamespace.Other;
        }

        throw new XmlException("An element uses a namespace prefix that is not declared.");
    }

    /// <summary>A buffer of at least <paramref name="length"/> bytes that keeps what was written to it before.</summary>
    public byte[] Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, length));
        }

        return _scratch;
    }

    /// <summary>A prefix of up to seven bytes as one number (its length plus one in the low byte), or 0 for a longer one.</summary>
    private static ulong Pack(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length > 7)
        {
            return 0;
        }

        var key = (ulong)(prefix.Length + 1);
        for (var i = 0; i < prefix.Length; i++)
        {
            key |= (ulong)prefix[i] << (8 * (i + 1));
        }

        return key;
    }

    private static XmlNamespace Classify(ReadOnlySpan<byte> uri, bool isDefault) => uri switch
    {
        _ when uri.SequenceEqual("DAV:"u8) => XmlNamespace.Dav,
        _ when uri.SequenceEqual("http://owncloud.org/ns"u8) => XmlNamespace.OwnCloud,
        _ when uri.SequenceEqual("http://nextcloud.org/ns"u8) => XmlNamespace.Nextcloud,
        _ when uri.SequenceEqual("http://sabredav.org/ns"u8) => XmlNamespace.Sabre,
        { IsEmpty: true } when isDefault => XmlNamespace.None,
        _ => XmlNamespace.Other,
    };

    private readonly record struct Declaration(ulong Key, int Start, int Length, XmlNamespace Namespace, int Depth);
}
