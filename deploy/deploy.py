#!/usr/bin/env python3
"""Upload a release build to the site bucket and refresh CloudFront.

Every object gets the Content-Type and Cache-Control that deploy/headers.json gives
its name (``application/wasm`` for the WebAssembly, a year and ``immutable`` for
content-hashed files, ``no-cache`` for index.html). The pre-compressed copies of the
WebAssembly (``name.wasm.br``, ``name.wasm.gz``, written by scripts/release.sh) get
the headers of ``name.wasm`` plus their Content-Encoding; the CloudFront Function in
deploy/wasm-encoding.js serves the one each browser accepts, so a build without them
is refused. Hashed files go up first and index.html last, so a visitor never gets a
page that names files not uploaded yet; old hashed files stay (a cached old page can
still load them; the bucket's lifecycle rule expires superseded versions). Then
index.html is invalidated.

    deploy/deploy.py --bucket BUCKET [--distribution-id ID] [--dist dist]
                     [--endpoint-url URL] [--region REGION] [--dry-run]

Credentials and region come from the usual AWS environment (profile, variables).
``--endpoint-url`` points S3 and CloudFront at an emulator (the tests use moto).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HEADERS = json.loads((Path(__file__).parent / "headers.json").read_text())


@dataclass(frozen=True)
class Upload:
    """One file of the build and the headers it is stored with."""

    path: Path
    key: str
    content_type: str
    cache_control: str
    content_encoding: str | None = None


def object_headers(key: str) -> tuple[str, str]:
    """(Content-Type, Cache-Control) for an object called `key`."""
    key = key.removesuffix(Path(key).suffix) if content_encoding(key) else key
    suffix = Path(key).suffix
    content_type = HEADERS["types"].get(suffix, "application/octet-stream")
    rule = next(r for r in HEADERS["cache"] if re.search(r["match"], key))
    return content_type, rule["cacheControl"]


def content_encoding(key: str) -> str | None:
    """The Content-Encoding of a pre-compressed copy (``x.wasm.br``), else None."""
    encoding = HEADERS["encodings"].get(Path(key).suffix)
    return encoding if Path(Path(key).stem).suffix == ".wasm" else None


def plan(dist: Path) -> list[Upload]:
    """Every file under `dist`, index.html files last."""
    if not (dist / "index.html").is_file():
        raise SystemExit(f"{dist}/index.html not found: build first (scripts/release.sh)")
    uploads = []
    for path in sorted(p for p in dist.rglob("*") if p.is_file()):
        key = path.relative_to(dist).as_posix()
        content_type, cache_control = object_headers(key)
        uploads.append(Upload(path, key, content_type, cache_control, content_encoding(key)))
    keys = {u.key for u in uploads}
    wasm = [u.key for u in uploads if u.key.endswith(".wasm")]
    missing = [w + s for w in wasm for s in HEADERS["encodings"] if w + s not in keys]
    if missing:
        raise SystemExit(f"{', '.join(missing)} not found: build with scripts/release.sh")
    uploads.sort(key=lambda u: u.key.endswith("index.html"))
    return uploads


def describe(u: Upload) -> str:
    """The headers an upload is stored with, for the log."""
    encoding = f"; {u.content_encoding}" if u.content_encoding else ""
    return f"{u.content_type}; {u.cache_control}{encoding}"


def deploy(
    dist: Path,
    bucket: str,
    distribution_id: str | None = None,
    endpoint_url: str | None = None,
    region: str | None = None,
    dry_run: bool = False,
    log=print,
) -> list[Upload]:
    """Upload `dist` to `bucket`, then invalidate index.html. Returns the uploads in order."""
    uploads = plan(dist)
    if dry_run:
        for u in uploads:
            log(f"would upload {u.key}  [{describe(u)}]")
        return uploads

    import boto3  # only needed for a real run

    session = boto3.session.Session(region_name=region)
    s3 = session.client("s3", endpoint_url=endpoint_url)
    for u in uploads:
        extra = {"ContentEncoding": u.content_encoding} if u.content_encoding else {}
        s3.put_object(
            Bucket=bucket,
            Key=u.key,
            Body=u.path.read_bytes(),
            ContentType=u.content_type,
            CacheControl=u.cache_control,
            **extra,
        )
        log(f"uploaded {u.key}  [{describe(u)}]")

    if distribution_id:
        cloudfront = session.client("cloudfront", endpoint_url=endpoint_url)
        paths = ["/", "/index.html"]
        cloudfront.create_invalidation(
            DistributionId=distribution_id,
            InvalidationBatch={
                "Paths": {"Quantity": len(paths), "Items": paths},
                "CallerReference": f"quasar-fire-{time.time_ns()}",
            },
        )
        log(f"invalidated {', '.join(paths)} on {distribution_id}")
    return uploads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bucket", required=True, help="the stack's BucketName output")
    parser.add_argument("--distribution-id", help="the stack's DistributionId output")
    parser.add_argument("--dist", type=Path, default=Path("dist"), help="the release build")
    parser.add_argument("--endpoint-url", help="an S3/CloudFront emulator, for tests")
    parser.add_argument("--region", help="the bucket's region")
    parser.add_argument("--dry-run", action="store_true", help="list what would be uploaded")
    args = parser.parse_args(argv)
    deploy(
        args.dist,
        args.bucket,
        args.distribution_id,
        args.endpoint_url,
        args.region,
        args.dry_run,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
