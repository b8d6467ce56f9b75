// The evidence page's pure parts: the tus metadata of an upload (kind, file name, class session,
// a video's start time in China Standard Time as Unix seconds), what the form lacks before
// anything is sent, and the server's Chinese message out of a failed tus request.
import { describe, expect, it } from 'vitest'
import { checklistTagType, formatBytes, tusErrorMessage, uploadMetadata, uploadProblem } from '../../src/api/evidence'

describe('uploadMetadata', () => {
  it('sends the session only for kinds that have one, and a video start in CST', () => {
    const file = { name: '实操.mp4' }
    expect(uploadMetadata({ kind: 'practical_video', session: 2, startedAt: '2026-03-02T14:00:00' }, file)).toEqual({
      kind: 'practical_video',
      filename: '实操.mp4',
      session: '2',
      started_at: String(Date.UTC(2026, 2, 2, 6, 0, 0) / 1000),
    })
    expect(uploadMetadata({ kind: 'group_photo', session: null, startedAt: '2026-03-02T14:00:00' }, file)).toEqual({
      kind: 'group_photo',
      filename: '实操.mp4',
    })
    expect(uploadMetadata({ kind: 'online_detail', session: 3 }, { name: 'd.xlsx' })).toEqual({
      kind: 'online_detail',
      filename: 'd.xlsx',
    })
  })
})

describe('uploadProblem', () => {
  it('asks for a session where the kind needs one, and for a file', () => {
    expect(uploadProblem({ kind: '' }, [{}])).toBe('evidence.pickKind')
    expect(uploadProblem({ kind: 'theory_video' }, [{}])).toBe('evidence.pickSession')
    expect(uploadProblem({ kind: 'theory_video', session: 1 }, [])).toBe('evidence.pickFile')
    expect(uploadProblem({ kind: 'group_photo' }, [{}])).toBe('')
  })
})

describe('tusErrorMessage', () => {
  it("takes the server's message from its JSON error body", () => {
    const err = {
      message: 'tus: unexpected response',
      originalResponse: { getBody: () => '{"error":{"code":"invalid_argument","message":"文件类型不符"}}' },
    }
    expect(tusErrorMessage(err)).toBe('文件类型不符')
    expect(tusErrorMessage({ message: 'network', originalResponse: { getBody: () => 'oops' } })).toBe('network')
    expect(tusErrorMessage({ message: 'x' }, 'fallback')).toBe('fallback')
  })
})

describe('checklist display', () => {
  it('maps states to tag types and sizes to units', () => {
    expect(checklistTagType('failed')).toBe('danger')
    expect(checklistTagType('present')).toBe('success')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(3 * 1024 * 1024 * 1024)).toBe('3.00 GiB')
  })
})
