// Prints a Parquet file as JSON: its key-value metadata, its schema elements and its rows, read by hyparquet.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'

const file = await asyncBufferFromFile(process.argv[2])
const metadata = await parquetMetadataAsync(file)
const rows = await parquetReadObjects({ file })
const bigint = (key, value) => (typeof value === 'bigint' ? { int64: value.toString() } : value)
process.stdout.write(JSON.stringify({
  key_value_metadata: metadata.key_value_metadata,
  schema: metadata.schema,
  num_rows: metadata.num_rows,
  rows,
}, bigint))
