using System.Buffers;
using System.Text;
using System.Xml;

namespace OpenProject.Storages.Nextcloud.WebDav.Xml;

/// <summary>
/// Reads one complete node of an XML document straight from its UTF-8 bytes, forward only: elements
/// by namespace and local name, text with the built-in entity and character references and CDATA
/// sections decoded; comments and processing instructions skipped. No DTD, so no other entities.
/// </summary>
/// <remarks>
/// <para>
/// Why not <see cref="XmlReader"/>: a 207 listing is mostly markup around short values, and XmlReader
/// decodes every byte to UTF-16, atomizes every name and allocates per value; measured on a 1,000-entry
/// listing it needs 40% of the time an XDocument needs, so no parser built on it can be three times faster
/// than XDocument. Reading the bytes finds a name with one vectorized search and compares it with a
/// UTF-8 literal, and a value that needs no decoding is a slice of the input.
/// </para>
/// <para>
/// The input is meant to be complete (measured, or guessed and so checked, by <see cref="XmlNodeFramer"/>):
/// running out of bytes throws like any other malformation, and the caller of a guess then measures. Every
/// malformation throws <see cref="XmlException"/>: mismatched or missing end
/// tags, undeclared prefixes or entities, a tag without a name. Leniencies against the XML specification,
/// each harmless to a reader that only takes values out: names are not checked against XML's name
/// characters, and text that is skipped (not read as a value) is not checked for entities.
/// </para>
/// </remarks>
internal ref struct Utf8XmlReader
{
    private static readonly SearchValues<byte> MarkupOrReference = SearchValues.Create("<&"u8);
    private static readonly SearchValues<byte> AttributeNameEnd = SearchValues.Create(" \t\r\n=/>"u8);

    private readonly ReadOnlySpan<byte> _xml;
    private readonly XmlReaderState _state;
    private readonly int _baseDepth;
    private int _position;
    private int _open;
    private bool _emptyElementOpen;
    private ReadOnlySpan<byte> _localName;

    /// <summary>A reader of <paramref name="xml"/>, whose first element sits at <paramref name="baseDepth"/> in the document.</summary>
    public Utf8XmlReader(ReadOnlySpan<byte> xml, XmlReaderState state, int baseDepth)
    {
        _xml = xml;
        _state = state;
        _baseDepth = baseDepth;
    }

    /// <summary>The local name of the element read last.</summary>
    public readonly ReadOnlySpan<byte> LocalName => _localName;

    /// <summary>The namespace of the element read last.</summary>
    public XmlNamespace Namespace { get; private set; }

    /// <summary>The qualified name (prefix included) of the element read last, as it appears in its tags.</summary>
    public readonly ReadOnlySpan<byte> QualifiedName
    {
        get
        {
            var (start, length) = _state.OpenElements[_open - 1];
            return _xml.Slice(start, length);
        }
    }

    /// <summary>How many bytes have been read.</summary>
    public readonly int Position => _position;

    /// <summary>Whether the element read last is <paramref name="localName"/> in <paramref name="ns"/>.</summary>
    public readonly bool Is(XmlNamespace ns, ReadOnlySpan<byte> localName) => Namespace == ns && _localName.SequenceEqual(localName);

    /// <summary>A reader of a whole document in <paramref name="document"/>, on its root element (see <see cref="ReadStartElement"/>).</summary>
    public static Utf8XmlReader ReadRoot(ReadOnlySpan<byte> document, XmlReaderState state)
    {
        var reader = new Utf8XmlReader(document[XmlProlog.Measure(document, isCompleted: true)..], state, baseDepth: 0);
        reader.ReadStartElement();
        return reader;
    }

    /// <summary>A value as a new string; bytes that are not UTF-8 make the body malformed, as they would for <see cref="XmlReader"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        return System.Text.Unicode.Utf8.IsValid(text) ? Encoding.UTF8.GetString(text) : throw new XmlException("The body has bytes that are not UTF-8.");
    }

    /// <summary>Reads the start tag at the reader's position, which must be one; <see cref="ReadChild"/> then reads what is in it.</summary>
    public void ReadStartElement()
    {
        if (At(_position) != (byte)'<' || At(_position + 1) is (byte)'/' or (byte)'!' or (byte)'?')
        {
            throw new XmlException("An element was expected.");
        }

        ReadStartTag();
    }

    /// <summary>
    /// Moves to the next child element of the open element and returns true, skipping text, comments and
    /// processing instructions; at the open element's end tag reads it and returns false.
    /// </summary>
    public bool ReadChild()
    {
        if (_emptyElementOpen)
        {
            CloseEmptyElement();
            return false;
        }

        while (true)
        {
            if (At(_position) != (byte)'<')
            {
                var open = _xml[_position..].IndexOf((byte)'<');
                _position += open >= 0 ? open : throw Truncated();
            }

            switch (At(_position + 1))
            {
                case (byte)'/':
                    ReadEndTag();
                    return false;
                case (byte)'!' or (byte)'?':
                    SkipMarkup();
                    break;
                default:
                    ReadStartTag();
                    return true;
            }
        }
    }

    /// <summary>Skips the rest of the open element, children and all.</summary>
    public void Skip()
    {
        while (ReadChild())
        {
            Skip();
        }
    }

    /// <summary>
    /// The text of the open element (its text nodes and CDATA sections, references decoded; child elements
    /// skipped), then past its end tag. Valid until the next read.
    /// </summary>
    public ReadOnlySpan<byte> ReadText()
    {
        if (_emptyElementOpen)
        {
            CloseEmptyElement();
            return default;
        }

        // Nearly every value is plain text right before the end tag: a slice of the input, no copy.
        var start = _position;
        var found = _xml[start..].IndexOfAny(MarkupOrReference);
        if (found >= 0 && _xml[start + found] == (byte)'<' && At(start + found + 1) == (byte)'/')
        {
            _position = start + found;
            ReadEndTag();
            return _xml.Slice(start, found);
        }

        return ReadTextInPieces();
    }

    private ReadOnlySpan<byte> ReadTextInPieces()
    {
        var text = _state.Scratch(256);
        var length = 0;
        while (true)
        {
            var found = _xml[_position..].IndexOfAny(MarkupOrReference);
            if (found < 0)
            {
                throw Truncated();
            }

            text = Append(text, ref length, _xml.Slice(_position, found));
            _position += found;
            if (_xml[_position] == (byte)'&')
            {
                text = _state.Scratch(length + 4);
                length += ReadReference(text.AsSpan(length));
                continue;
            }

            switch (At(_position + 1))
            {
                case (byte)'/':
                    ReadEndTag();
                    return text.AsSpan(0, length);
                case (byte)'!' or (byte)'?':
                    var markup = SkipMarkup();
                    if (markup.Kind == XmlMarkupKind.CData)
                    {
                        text = Append(text, ref length, _xml.Slice(markup.Start + 9, markup.Length - 12));
                    }

                    break;
                default:
                    ReadStartTag();
                    Skip();
                    break;
            }
        }
    }

    private readonly byte[] Append(byte[] text, ref int length, ReadOnlySpan<byte> piece)
    {
        if (length + piece.Length > text.Length)
        {
            text = _state.Scratch(length + piece.Length);
        }

        piece.CopyTo(text.AsSpan(length));
        length += piece.Length;
        return text;
    }

    /// <summary>Decodes the entity or character reference at the reader's position into <paramref name="destination"/>; returns its length in bytes.</summary>
    private int ReadReference(Span<byte> destination)
    {
        var end = _xml.Slice(_position, Math.Min(_xml.Length - _position, 12)).IndexOf((byte)';');
        if (end < 0)
        {
            throw new XmlException("An '&' does not start a reference.");
        }

        var name = _xml.Slice(_position + 1, end - 1);
        _position += end + 1;
        byte simple = name switch
        {
            _ when name.SequenceEqual("lt"u8) => (byte)'<',
            _ when name.SequenceEqual("gt"u8) => (byte)'>',
            _ when name.SequenceEqual("amp"u8) => (byte)'&',
            _ when name.SequenceEqual("quot"u8) => (byte)'"',
            _ when name.SequenceEqual("apos"u8) => (byte)'\'',
            _ => 0,
        };
        if (simple != 0)
        {
            destination[0] = simple;
            return 1;
        }

        if (name.Length < 2 || name[0] != (byte)'#')
        {
            throw new XmlException("The body refers to an entity that is not declared.");
        }

        var hex = name[1] == (byte)'x';
        var digits = hex ? name[2..] : name[1..];
        var parsed = hex
            ? int.TryParse(digits, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code)
            : int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out code);
        if (!parsed || !IsXmlCharacter(code))
        {
            throw new XmlException("A character reference names a character that XML does not allow.");
        }

        return new Rune(code).EncodeToUtf8(destination);
    }

    private static bool IsXmlCharacter(int code) =>
        code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private void ReadStartTag()
    {
        var nameStart = _position + 1;
        var nameLength = _xml[nameStart..].IndexOfAny(XmlMarkup.NameEnd);
        if (nameLength <= 0)
        {
            throw nameLength < 0 ? Truncated() : new XmlException("A tag has no name.");
        }

        var depth = _baseDepth + _open;
        if (_open >= XmlReaderState.MaxDepth || depth > XmlReaderState.MaxDepth)
        {
            throw new XmlException($"The body nests elements deeper than {XmlReaderState.MaxDepth} levels.");
        }

        _position = nameStart + nameLength;
        var empty = ReadAttributes(depth);
        var name = _xml.Slice(nameStart, nameLength);
        var colon = name.IndexOf((byte)':');
        if (colon == 0 || colon == name.Length - 1)
        {
            throw new XmlException("A tag has an empty prefix or local name.");
        }

        _localName = colon < 0 ? name : name[(colon + 1)..];
        Namespace = _state.Resolve(colon < 0 ? default : name[..colon]);
        _state.OpenElements[_open++] = (nameStart, nameLength);
        _emptyElementOpen = empty;
    }

    /// <summary>Reads the attributes up to the tag's end; only namespace declarations are kept. Returns whether the tag was <c>/&gt;</c>.</summary>
    private bool ReadAttributes(int depth)
    {
        while (true)
        {
            SkipWhitespace();
            switch (At(_position))
            {
                case (byte)'>':
                    _position++;
                    return false;
                case (byte)'/':
                    if (At(_position + 1) != (byte)'>')
                    {
                        throw new XmlException("A '/' in a tag is not followed by '>'.");
                    }

                    _position += 2;
                    return true;
            }

            var nameLength = _xml[_position..].IndexOfAny(AttributeNameEnd);
            if (nameLength <= 0)
            {
                throw new XmlException("A tag has a malformed attribute.");
            }

            var name = _xml.Slice(_position, nameLength);
            _position += nameLength;
            SkipWhitespace();
            if (At(_position) != (byte)'=')
            {
                throw new XmlException("An attribute has no value.");
            }

            _position++;
            SkipWhitespace();
            var quote = At(_position);
            if (quote is not ((byte)'"' or (byte)'\''))
            {
                throw new XmlException("An attribute value is not quoted.");
            }

            var valueLength = _xml[(_position + 1)..].IndexOf(quote);
            if (valueLength < 0)
            {
                throw Truncated();
            }

            var value = _xml.Slice(_position + 1, valueLength);
            _position += valueLength + 2;
            if (name.SequenceEqual("xmlns"u8))
            {
                _state.Declare(default, value, depth);
            }
            else if (name.StartsWith("xmlns:"u8))
            {
                _state.Declare(name[6..], value, depth);
            }
        }
    }

    private void ReadEndTag()
    {
        // The name must be the open element's: compared in place rather than searched for and then compared.
        if (_open == 0 || !_xml[(_position + 2)..].StartsWith(QualifiedName))
        {
            throw new XmlException("An end tag does not match the element it should end.");
        }

        _position += 2 + QualifiedName.Length;
        SkipWhitespace();
        if (At(_position) != (byte)'>')
        {
            throw new XmlException("An end tag does not match the element it should end.");
        }

        _position++;
        Close();
    }

    private void CloseEmptyElement()
    {
        _emptyElementOpen = false;
        Close();
    }

    private void Close()
    {
        _open--;
        _state.EndScope(_baseDepth + _open - 1);
    }

    /// <summary>Skips a comment, CDATA section or processing instruction at the reader's position.</summary>
    private (XmlMarkupKind Kind, int Start, int Length) SkipMarkup()
    {
        var start = _position;
        var length = XmlMarkup.Measure(_xml[start..], out var kind);
        if (length < 0)
        {
            throw Truncated();
        }

        _position += length;
        return (kind, start, length);
    }

    private void SkipWhitespace()
    {
        while (_position < _xml.Length && XmlMarkup.IsWhitespace(_xml[_position]))
        {
            _position++;
        }
    }

    private readonly byte At(int position) => position < _xml.Length ? _xml[position] : throw Truncated();

    private static XmlException Truncated() => new("The body ended in the middle of an element.");
}
