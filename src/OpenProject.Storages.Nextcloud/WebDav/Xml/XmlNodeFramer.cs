using System.Xml;

namespace OpenProject.Storages.Nextcloud.WebDav.Xml;

/// <summary>
/// Decides whether the next node of a document has fully arrived: a whole element with everything in
/// it, or one comment, CDATA section, processing instruction or end tag. It only counts tags; the
/// <see cref="Utf8XmlReader"/> then reads the node knowing that no byte of it is missing.
/// </summary>
/// <remarks>
/// It resumes where it stopped, so an element that arrives over many reads is scanned once, not once per read.
/// Offsets are from the node's start, which stays valid when the buffer moves the node to its front.
/// </remarks>
internal struct XmlNodeFramer
{
    private int _scanned;
    private int _depth;
    private XmlMarkupKind _first;

    /// <summary>Starts on a new node.</summary>
    public void Reset() => (_scanned, _depth) = (0, 0);

    /// <summary>
    /// The length of the node at the start of <paramref name="data"/> (which begins with <c>&lt;</c>), or -1
    /// when more bytes are needed; <paramref name="kind"/> is the kind of its first markup.
    /// </summary>
    public int Measure(ReadOnlySpan<byte> data, out XmlMarkupKind kind)
    {
        var position = _scanned;
        kind = _first;
        while (true)
        {
            var open = data[position..].IndexOf((byte)'<');
            if (open < 0)
            {
                _scanned = data.Length;
                return -1;
            }

            position += open;
            var length = XmlMarkup.Measure(data[position..], out var markup);
            if (length < 0)
            {
                _scanned = position;
                return -1;
            }

            if (position == 0)
            {
                kind = _first = markup;
            }

            position += length;
            if (markup == XmlMarkupKind.StartTag && ++_depth > XmlReaderState.MaxDepth)
            {
                throw new XmlException($"The body nests elements deeper than {XmlReaderState.MaxDepth} levels.");
            }

            if (markup == XmlMarkupKind.EndTag)
            {
                _depth--;
            }

            if (_depth <= 0)
            {
                _scanned = position;
                return position;
            }
        }
    }

    /// <summary>
    /// A guess at the length of the element at the start of <paramref name="data"/>: up to the first end tag
    /// with its name, or -1 when there is none yet. One vectorized search instead of a look at every tag;
    /// the guess is short when a comment, CDATA section or nested element of the same name holds that end tag,
    /// and then a reader of the guessed bytes finds the element unfinished, so the caller falls back to
    /// <see cref="Measure"/>.
    /// </summary>
    public static int Guess(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[1] is (byte)'/' or (byte)'!' or (byte)'?')
        {
            return -1;
        }

        var nameLength = data[1..].IndexOfAny(XmlMarkup.NameEnd);
        if (nameLength <= 0)
        {
            return -1;
        }

        var name = data.Slice(1, nameLength);
        var from = 1 + nameLength;
        while (true)
        {
            var found = data[from..].IndexOf(name);
            if (found < 0)
            {
                return -1;
            }

            var at = from + found;
            var end = at + name.Length;
            from = end;
            if (data[at - 2] != (byte)'<' || data[at - 1] != (byte)'/' || end >= data.Length)
            {
                continue;
            }

            var close = data[end..].IndexOfAnyExcept(XmlMarkup.Whitespace);
            if (close >= 0 && data[end + close] == (byte)'>')
            {
                return end + close + 1;
            }
        }
    }
}
