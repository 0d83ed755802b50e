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
}
