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

    private static ClaimInput[] FromJsonFile(string name, string json)
        => Fixtures.RuleFixtureRunner.IsFixtureFile(json)
            ? Fixtures.RuleFixtureRunner.ReadFile(name, json).Select(c => new ClaimInput(c.ClaimJson, c.ToString(), true)).ToArray()
            : [new ClaimInput(json, name, false)];
}
