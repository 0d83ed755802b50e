using System.Text;

namespace OpenProject.Storages.Nextcloud.Tests.Fixtures;

/// <summary>
/// A 207 body for a folder with any number of files, generated as it is read (in the recorded shape,
/// <see cref="Recorded.Response"/>), so a test can serve a listing far larger than it could hold.
/// <see cref="Produced"/> says how many entries the reader has pulled so far, to bound its read-ahead.
/// </summary>
internal sealed class GeneratedListing(string folderHref, int files) : Stream
{
    private static readonly string[] Envelope = Recorded.MultiStatus("|").Split('|');
    private static readonly byte[] Footer = Encoding.UTF8.GetBytes(Envelope[1]);
    private byte[] _current = Encoding.UTF8.GetBytes(Envelope[0] + Recorded.Response(folderHref, 1, folder: true));
    private int _offset;
    private bool _footerSent;
    private bool _ended;

    /// <summary>How many file entries have started to be handed out.</summary>
    public int Produced { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public static HttpResponseMessage Answer(GeneratedListing body)
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.MultiStatus) { Content = new StreamContent(body) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/xml; charset=utf-8");
        return response;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var written = 0;
        while (written < buffer.Length && !_ended)
        {
            if (_offset == _current.Length && !Next())
            {
                break;
            }

            var count = Math.Min(buffer.Length - written, _current.Length - _offset);
            _current.AsSpan(_offset, count).CopyTo(buffer.Span[written..]);
            _offset += count;
            written += count;
        }

        return ValueTask.FromResult(written);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("A network body is read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool Next()
    {
        _offset = 0;
        if (Produced < files)
        {
            Produced++;
            _current = Encoding.UTF8.GetBytes(Recorded.Response($"{folderHref}file%20{Produced:D7}.txt", 1000 + Produced, folder: false));
            return true;
        }

        if (!_footerSent)
        {
            _footerSent = true;
            _current = Footer;
            return true;
        }

        _ended = true;
        return false;
    }
}
