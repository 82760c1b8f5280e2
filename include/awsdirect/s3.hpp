#pragma once
// Amazon S3 (API version 2006-03-01, REST-XML): buckets, public access blocks, objects, listings,
// multipart uploads and presigned URLs, with botocore's addressing and region redirects, and
// streamed, parallel transfers of whole files. Each part is a header of its own in awsdirect/s3/.
#include "s3/buckets.hpp"    // CreateBucket, HeadBucket, DeleteBucket, ListBuckets, public access block
#include "s3/client.hpp"     // the S3 client: routing, redirects, listings, presigned URLs, waiters
#include "s3/common.hpp"     // S3's limits and naming rules
#include "s3/multipart.hpp"  // multipart uploads
#include "s3/objects.hpp"    // PutObject, GetObject, HeadObject, DeleteObject(s), ListObjectsV2, CopyObject
#include "s3/transfer.hpp"   // S3Transfer: files up and down in parallel parts; emptying a bucket
#include "s3/versions.hpp"   // versioning, object versions and delete markers
