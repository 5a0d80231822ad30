// OkHttp 4's Kotlin extensions, for running samplegen's Kotlin samples on OkHttp 3 (Debian ships
// okhttp 3.13, whose API is Java-only). OkHttp 4 declares these on the companions of `MediaType`
// and `RequestBody` (`import okhttp3.MediaType.Companion.toMediaType`); here they are top-level
// functions of this package, each the OkHttp 3 call that OkHttp 4's documentation says it stands
// for, with the same parameters and defaults. With OkHttp 4 on the class path, import its
// companions' functions instead of this package.
//
// Knowingly different: OkHttp 4's `toMediaType` throws IllegalArgumentException on a malformed
// media type; OkHttp 3's `MediaType.get` does too, so nothing else differs for what samples call.
package samplegen.okhttp4

import java.io.File
import okhttp3.MediaType
import okhttp3.RequestBody

fun String.toMediaType(): MediaType = MediaType.get(this)

fun String.toMediaTypeOrNull(): MediaType? = MediaType.parse(this)

fun String.toRequestBody(contentType: MediaType? = null): RequestBody =
    RequestBody.create(contentType, this)

fun ByteArray.toRequestBody(contentType: MediaType? = null): RequestBody =
    RequestBody.create(contentType, this)

fun File.asRequestBody(contentType: MediaType? = null): RequestBody =
    RequestBody.create(contentType, this)
