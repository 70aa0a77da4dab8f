namespace PainBilling.Rules.Cli;

/// <summary>
/// Claims read from a path as a stream: an NDJSON file line by line (never the whole file), a folder file by file
/// (ordered by name), a single .json file as one claim. Knows the total when it is cheap to know (bytes of a file,
/// files of a folder) so that progress can show the time left.
/// </summary>
internal sealed class ClaimSource : IDisposable
{
    private readonly string _path;
    private readonly Kind _kind;
    private readonly string[] _files;
    private FileStream? _stream;
    private long _position;

    private ClaimSource(string path, Kind kind, string[] files, long total)
    {
        _path = path;
        _kind = kind;
        _files = files;
        Total = total;
    }

    private enum Kind
    {
        Folder,
        Ndjson,
        Json,
    }

    /// <summary>The size of the input in the unit of <see cref="Position"/> (bytes of an NDJSON file, else claims).</summary>
    public long Total { get; }

    /// <summary>How far reading has got, in the unit of <see cref="Total"/>.</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>Checks the path (exists, supported kind) without reading claims.</summary>
    /// <exception cref="FileNotFoundException">No such file or folder.</exception>
    /// <exception cref="NotSupportedException">Not a .json file, an .ndjson file or a folder.</exception>
    public static ClaimSource Open(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(path, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToArray();
            return new ClaimSource(path, Kind.Folder, files, files.Length);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException("no such file or folder");
        }

        var extension = Path.GetExtension(path);
        if (extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return new ClaimSource(path, Kind.Ndjson, [], new FileInfo(path).Length);
        }

        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return new ClaimSource(path, Kind.Json, [], 1);
        }

        throw new NotSupportedException("expected a .json file (a claim or a fixture file), a .ndjson file or a folder");
    }

    /// <summary>The claims, in input order (blank NDJSON lines skipped; a fixture file gives one claim per case).</summary>
    public IEnumerable<ClaimInput> Claims()
    {
        switch (_kind)
        {
            case Kind.Folder:
                foreach (var relative in _files)
                {
                    foreach (var claim in FromJsonFile(relative, File.ReadAllText(Path.Combine(_path, relative))))
                    {
                        yield return claim;
                    }

                    Interlocked.Increment(ref _position);
                }

                break;
            case Kind.Json:
                foreach (var claim in FromJsonFile(Path.GetFileName(_path), File.ReadAllText(_path)))
                {
                    yield return claim;
                }

                Interlocked.Increment(ref _position);
                break;
            default:
                _stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
                if (!HasUnicodeByteOrderMark(_stream))
                {
                    // UTF-8 (the NDJSON norm): lines are handed on as bytes, never decoded and re-encoded.
                    foreach (var claim in Utf8Lines(_stream, Path.GetFileName(_path)))
                    {
                        yield return claim;
                    }

                    break;
                }

                using (var reader = new StreamReader(_stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16))
                {
                    var name = Path.GetFileName(_path);
                    var number = 0;
                    while (reader.ReadLine() is { } line)
                    {
                        Interlocked.Exchange(ref _position, _stream.Position);
                        if (!string.IsNullOrWhiteSpace(line))
                        {
                            number++;
                            yield return new ClaimInput(line, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}:{number}"), false);
                        }
                    }
                }

                break;
        }
    }

    public void Dispose() => _stream?.Dispose();

    /// <summary>Whether the file starts with a UTF-16 or UTF-32 byte-order mark (then it is read as text); rewinds the stream.</summary>
    private static bool HasUnicodeByteOrderMark(FileStream stream)
    {
        Span<byte> start = stackalloc byte[4];
        var read = stream.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        start = start[..read];
        return start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || start.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);
    }

    /// <summary>
    /// The non-blank lines of a UTF-8 NDJSON stream as byte arrays (a leading byte-order mark and a trailing CR dropped).
    /// A line longer than a claim may be is cut just past the limit, so the reader rejects it as too large and memory stays
    /// bounded whatever the input.
    /// </summary>
    private IEnumerable<ClaimInput> Utf8Lines(FileStream stream, string name)
    {
        var buffer = new byte[1 << 16];
        var line = new System.Buffers.ArrayBufferWriter<byte>(4096);
        var number = 0;
        var first = true;
        var overlong = false;
        int count;
        while ((count = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var offset = 0;
            if (first)
            {
                first = false;
                if (buffer.AsSpan(0, count).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    offset = 3;
                }
            }

            int newline;
            while ((newline = buffer.AsSpan(offset, count - offset).IndexOf((byte)'\n')) >= 0)
            {
                Append(buffer.AsSpan(offset, newline));
                offset += newline + 1;
                if (Take() is { } claim)
                {
                    Interlocked.Exchange(ref _position, stream.Position - (count - offset));
                    yield return claim;
                }
            }

            Append(buffer.AsSpan(offset, count - offset));
            Interlocked.Exchange(ref _position, stream.Position);
        }

        if (Take() is { } last)
        {
            yield return last;
        }

        void Append(ReadOnlySpan<byte> bytes)
        {
            var room = PainBilling.Rules.Claims.ClaimLimits.MaxJsonBytes + 1 - line.WrittenCount;
            if (bytes.Length > room)
            {
                bytes = bytes[..Math.Max(0, room)];
                overlong = true;
            }

            bytes.CopyTo(line.GetSpan(bytes.Length));
            line.Advance(bytes.Length);
        }

        ClaimInput? Take()
        {
            var bytes = line.WrittenSpan;
            if (!overlong && bytes.EndsWith((byte)'\r'))
            {
                bytes = bytes[..^1];
            }

            ClaimInput? claim = null;
            if (bytes.IndexOfAnyExcept((ReadOnlySpan<byte>)" \t\r\f\v"u8) >= 0)
            {
                number++;
                claim = new ClaimInput(bytes.ToArray(), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}:{number}"));
            }

            line.ResetWrittenCount();
            overlong = false;
            return claim;
        }
    }

    private static ClaimInput[] FromJsonFile(string name, string json)
        => Fixtures.RuleFixtureRunner.IsFixtureFile(json)
            ? Fixtures.RuleFixtureRunner.ReadFile(name, json).Select(c => new ClaimInput(c.ClaimJson, c.ToString(), true)).ToArray()
            : [new ClaimInput(json, name, false)];
}
