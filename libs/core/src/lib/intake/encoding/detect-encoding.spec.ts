import { encode } from 'iconv-lite';

import { FileRejection } from '../../validation/file-rejection';
import { detectEncoding } from './detect-encoding';

/** A few lines of realistic CSV per language, as the tools of each market export them. */
const CSV = {
  french:
    'nom;ville;montant;remarque\nFrançois Lefèvre;Orléans;12,50;payé\nHélène Dupré;Besançon;7,30;à relancer\nJérôme Côté;Nîmes;99,99;déjà vu\nAnaïs Gaëlle;Saint-Étienne;5,00;reçu\n',
  german: 'Name,Straße,Ort,Betrag\nJürgen Müller,Königstraße 5,München,12.50\nGrüße Öztürk,Hauptstraße 1,Köln,7.30\nÄnne Weiß,Schloßallee 3,Düsseldorf,99.99\n',
  spanish: 'nombre,ciudad,importe,nota\nJosé Muñoz,Logroño,12.50,señal\nÁngela Peña,Cádiz,7.30,¿sí?\nMaría Núñez,Málaga,1.00,añadido\n',
  euro: 'produit;prix;pays\nCafé crème;3,50 €;France\nŒuvre complète;12 €;Belgique\nThé glacé;2,80 €;Suisse\n',
  japanese:
    '名前,メール,都市,メモ\n山田太郎,taro@example.jp,東京,こんにちは、よろしくお願いします\n鈴木花子,hanako@example.jp,大阪,ありがとうございました\n佐藤次郎,jiro@example.jp,名古屋,また連絡します\n',
  chinese: '姓名,城市,金额,备注\n张伟,北京,1200,已付款\n王芳,上海,3400,待确认\n李娜,广州,560,已发货\n刘洋,深圳,780,退货中\n',
  korean: '이름,도시,금액,메모\n김민수,서울,1200,결제 완료\n이지은,부산,3400,확인 필요\n박서준,인천,560,배송 중\n',
  taiwanese: '姓名,城市,金額,備註\n陳大文,臺北,1200,已付款\n林美玲,高雄,3400,待確認\n黃志明,臺中,560,已出貨\n',
  russian: 'Имя,Город,Сумма,Комментарий\nИван Петров,Москва,1200,оплачено\nОльга Смирнова,Санкт-Петербург,3400,ждём ответа\nДмитрий Иванов,Новосибирск,560,отправлено\n',
  polish: 'imię,nazwisko,miasto\nŁukasz,Wiśniewski,Łódź\nZofia,Żółkiewska,Gdańsk\nMałgorzata,Kowalczyk,Kraków\n',
};

// Streaming: Node 20's one-shot windows-1252 decode takes a Latin-1 shortcut that loses € and the other 0x80-0x9F characters.
const decoded = (bytes: Uint8Array, encoding: string, skip = 0) => new TextDecoder(encoding).decode(bytes.subarray(skip), { stream: true });

describe('detectEncoding', () => {
  describe('a declared encoding', () => {
    it('wins over detection, canonicalised to its WHATWG name', () => {
      expect(detectEncoding(Buffer.from('a,b\n1,2\n'), 'latin1')).toEqual({ encoding: 'windows-1252', source: 'declared', bomBytes: 0 });
      expect(detectEncoding(encode(CSV.japanese, 'shift_jis'), ' Shift-JIS ')).toEqual({ encoding: 'shift_jis', source: 'declared', bomBytes: 0 });
    });

    it('skips a BOM that agrees with it', () => {
      expect(detectEncoding(Buffer.from('\uFEFFa,b\n'), 'UTF-8')).toEqual({ encoding: 'utf-8', source: 'declared', bomBytes: 3 });
      expect(detectEncoding(encode('\uFEFFa,b\n', 'utf-16le'), 'utf-16le')).toEqual({ encoding: 'utf-16le', source: 'declared', bomBytes: 2 });
    });

    it('takes the byte order from the BOM when "utf-16" was declared', () => {
      expect(detectEncoding(encode('\uFEFFa,b\n', 'utf-16be'), 'utf-16')).toEqual({ encoding: 'utf-16be', source: 'bom', bomBytes: 2 });
    });

    it('refuses an unknown label, naming it', () => {
      expect(() => detectEncoding(Buffer.from('a\n'), 'klingon-8')).toThrow(FileRejection);
      expect(() => detectEncoding(Buffer.from('a\n'), 'klingon-8')).toThrow('Unknown encoding "klingon-8"');
      expect(() => detectEncoding(Buffer.from('a\n'), 'iso-2022-kr')).toThrow('Unknown encoding "iso-2022-kr"');
    });
  });

  describe('a byte order mark', () => {
    it.each([
      ['utf-8', Buffer.from('\uFEFFnom,ville\nRené,Liège\n'), 3],
      ['utf-16le', encode('\uFEFFnom\tville\nRené\tLiège\n', 'utf-16le'), 2],
      ['utf-16be', encode('\uFEFFnom\tville\nRené\tLiège\n', 'utf-16be'), 2],
    ])('says %s', (encoding, bytes, bomBytes) => {
      expect(detectEncoding(bytes)).toEqual({ encoding, source: 'bom', bomBytes });
      expect(decoded(bytes, encoding, bomBytes)).toBe('nom' + (encoding === 'utf-8' ? ',' : '\t') + 'ville\nRené' + (encoding === 'utf-8' ? ',' : '\t') + 'Liège\n');
    });

    it('refuses UTF-32, saying so', () => {
      expect(() => detectEncoding(Uint8Array.from([0xff, 0xfe, 0x00, 0x00, 0x61, 0, 0, 0]))).toThrow('File is UTF-32LE text');
      expect(() => detectEncoding(Uint8Array.from([0x00, 0x00, 0xfe, 0xff, 0, 0, 0, 0x61]))).toThrow('save it as UTF-8 or UTF-16');
    });
  });

  describe('UTF-16 without a BOM', () => {
    it.each(['utf-16le', 'utf-16be'])('tells %s by its NULs', (encoding) => {
      expect(detectEncoding(encode(CSV.german, encoding))).toMatchObject({ encoding, source: 'detected', bomBytes: 0 });
      expect(detectEncoding(encode(CSV.russian, encoding))).toMatchObject({ encoding, source: 'detected' });
    });

    it('also with a surrogate pair cut at the end of the head', () => {
      const bytes = encode('id,emoji\n1,😀\n2,😀\n', 'utf-16le');
      expect(detectEncoding(bytes.subarray(0, bytes.length - 4))).toMatchObject({ encoding: 'utf-16le' });
    });
  });

  describe('UTF-8', () => {
    it('is what valid UTF-8 is, pure ASCII included', () => {
      expect(detectEncoding(Buffer.from(CSV.french))).toMatchObject({ encoding: 'utf-8', source: 'detected', bomBytes: 0 });
      expect(detectEncoding(Buffer.from('id,name\n1,Bob\n'))).toMatchObject({ encoding: 'utf-8', source: 'detected' });
      expect(detectEncoding(new Uint8Array())).toMatchObject({ encoding: 'utf-8' });
    });

    it('also when the head ends inside a character', () => {
      const bytes = Buffer.from('nom,montant\nx,12 €');
      expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toMatchObject({ encoding: 'utf-8', source: 'detected' });
    });
  });

  describe('legacy encodings', () => {
    it.each([
      ['French', 'windows-1252', CSV.french, 'windows-1252'],
      ['German', 'windows-1252', CSV.german, 'windows-1252'],
      ['German (ISO-8859-1)', 'iso-8859-1', CSV.german, 'windows-1252'],
      ['Spanish', 'windows-1252', CSV.spanish, 'windows-1252'],
      ['prices in euros', 'windows-1252', CSV.euro, 'windows-1252'],
      ['prices in euros (ISO-8859-15, € at 0xA4)', 'iso-8859-15', CSV.euro, 'iso-8859-15'],
      ['Japanese', 'shift_jis', CSV.japanese, 'shift_jis'],
      ['Japanese (EUC-JP)', 'euc-jp', CSV.japanese, 'euc-jp'],
      ['simplified Chinese', 'gb18030', CSV.chinese, 'gb18030'],
      ['simplified Chinese (GBK)', 'gbk', CSV.chinese, 'gb18030'],
      ['Korean', 'euc-kr', CSV.korean, 'euc-kr'],
      ['traditional Chinese', 'big5', CSV.taiwanese, 'big5'],
      ['Russian', 'windows-1251', CSV.russian, 'windows-1251'],
      ['Russian (KOI8-R)', 'koi8-r', CSV.russian, 'koi8-r'],
      ['Polish', 'iso-8859-2', CSV.polish, 'iso-8859-2'],
    ])('tells %s written as %s', (_language, written, text, expected) => {
      const bytes = encode(text, written);
      const detected = detectEncoding(bytes);
      expect(detected).toMatchObject({ encoding: expected, source: 'detected', bomBytes: 0 });
      expect(detected.confidence).toBeGreaterThan(0);
      expect(decoded(bytes, detected.encoding)).toBe(text);
    });

    it('keeps windows-1252 when the file uses its 0x80-0x9F characters, even with a ¤', () => {
      const text = 'produit;prix\n“Café”;3,50 €\nSymbole;¤ 5\n';
      expect(detectEncoding(encode(text, 'windows-1252'))).toMatchObject({ encoding: 'windows-1252' });
    });

    it('falls back to windows-1252 with a low confidence when nothing fits', () => {
      const detected = detectEncoding(Uint8Array.from([0x61, 0x2c, 0x62, 0x0a, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x0a]));
      expect(detected).toEqual({ encoding: 'windows-1252', source: 'default', confidence: 10, bomBytes: 0 });
    });
  });
});

describe('bytes that are no table in any encoding', () => {
  it('are refused with a sentence, not guessed into some legacy encoding', () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => 0x80 + ((i * 37) % 0x7f)));
    expect(() => detectEncoding(garbage)).toThrow(/^File is not text Sluice can read: it is not UTF-8, and its first 4,096 bytes hold no line break or delimiter/);
  });
});
