// Encodings: what real tools write when "Save as CSV" meets non-ASCII text.
const { H, R, X, BAD, table } = require('./build');

const SEMI = { delimiter: ';' };
const TAB = { delimiter: '\t' };
const ALLQ = { quoteAll: true };

const hubspot = [
  ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Company Name', 'Job Title', 'Lifecycle Stage', 'Create Date'],
  ['51', 'Amélie', 'Durand', 'amelie.durand@lumiere-conseil.fr', '+33 4 72 10 20 30', 'Lumière Conseil', 'Directrice marketing', 'lead', '2024-03-01 09:12'],
  ['52', 'Jörg', 'Müller', 'j.mueller@nordwerk.de', '+49 89 2180 4411', 'Nordwerk GmbH', 'Head of Sales', 'customer', '2024-03-01 10:40'],
  ['53', 'Søren', 'Kjærgaard', 'soren@fjordline.dk', '+45 33 12 44 80', 'Fjordline ApS', 'CTO', 'opportunity', '2024-03-02 14:03'],
  ['54', 'Zoë', 'O’Connor', 'zoe.oconnor@harbourlight.ie', '+353 1 555 0192', 'Harbourlight Ltd', 'Office Manager', 'lead', '2024-03-03 08:55'],
  ['55', 'José', 'Núñez', 'jose.nunez@solara.es', '+34 91 123 45 67', 'Solara Energía, S.L.', 'Director General', 'customer', '2024-03-04 16:20'],
  ['56', 'Łukasz', 'Wiśniewski', 'lukasz@wisla-soft.pl', '+48 22 100 20 30', 'Wisła Soft Sp. z o.o.', 'Developer', 'subscriber', '2024-03-05 11:11'],
  ['57', 'François', 'Lefèvre', 'f.lefevre@bouchard-freres.fr', '', 'Bouchard Frères', 'Gérant', 'lead', '2024-03-05 17:45'],
  ['58', 'Ana', 'Gonçalves', 'ana.goncalves@tejo.pt', '+351 21 340 5500', 'Tejo Logística', 'COO', 'customer', '2024-03-06 09:30'],
];

const mailchimp = [
  ['Email Address', 'First Name', 'Last Name', 'Address', 'Phone Number', 'MEMBER_RATING', 'OPTIN_TIME', 'CONFIRM_TIME', 'TIMEZONE', 'CC', 'TAGS'],
  ['mia.schroeder@example.de', 'Mia', 'Schröder', 'Hauptstraße 5  Köln  50667 DE', '', '2', '2024-02-11 08:01:33', '2024-02-11 08:02:10', 'Europe/Berlin', 'DE', '"Newsletter"'],
  ['hiro.tanaka@example.jp', 'Hiro', 'Tanaka', '', '+81 3-1234-5678', '4', '2024-02-12 01:22:09', '2024-02-12 01:23:40', 'Asia/Tokyo', 'JP', '"Webinar 🎥"'],
  ['lea.dubois@example.fr', 'Léa', 'Dubois', '12 rue de la Paix  Paris  75002 FR', '', '3', '2024-02-12 19:45:00', '2024-02-12 19:46:12', 'Europe/Paris', 'FR', ''],
  ['omar.haddad@example.ae', 'Omar', 'Haddad', '', '', '1', '2024-02-13 06:10:51', '', 'Asia/Dubai', 'AE', '"Trial","Churn risk"'],
  ['nina.petrova@example.bg', 'Нина', 'Петрова', '', '', '5', '2024-02-14 12:00:00', '2024-02-14 12:01:05', 'Europe/Sofia', 'BG', '"VIP ⭐"'],
  ['lars.eriksson@example.se', 'Lars', 'Eriksson', 'Storgatan 1  Malmö  211 34 SE', '', '2', '2024-02-15 07:30:12', '2024-02-15 07:31:00', 'Europe/Stockholm', 'SE', ''],
];

const people = [
  ['Name', 'Email', 'Title', 'Company', 'City', 'Notes'],
  ['Chloé Martin', 'chloe.martin@atelier-lumen.fr', 'Designer', 'Atelier Lumen', 'Montréal', 'Prefers French; met at Salon “Créer”'],
  ['Björn Åberg', 'bjorn@kallhamn.se', 'CEO', 'Kallhamn AB', 'Göteborg', ''],
  ['Dvořák, Antonín', 'antonin.dvorak@vltava.cz', 'Founder', 'Vltava s.r.o.', 'Praha', 'Last name first, as written in the CRM'],
  ['Renée Côté', 'renee.cote@cote-avocats.ca', 'Partner', 'Côté & Associés', 'Québec', 'Said "call me in April"'],
  ['Ümit Yılmaz', 'umit.yilmaz@bosfor.com.tr', 'Export Manager', 'Boğaziçi Tekstil', 'İstanbul', ''],
  ['Mário Araújo', 'mario@araujo.com.br', 'CFO', 'Araújo & Filhos Ltda.', 'São Paulo', 'Budget: R$ 120.000'],
];

const companies = [
  ['Company', 'Domain', 'Industry', 'Employees', 'Founded', 'Headquarters', 'Description'],
  ['Nordwerk GmbH', 'nordwerk.de', 'Maschinenbau', '1200', '1962', 'München, Deutschland', 'Präzisionsteile für die Automobilindustrie'],
  ['Lumière Conseil', 'lumiere-conseil.fr', 'Conseil', '45', '2009', 'Lyon, France', 'Stratégie, études et « design thinking »'],
  ['Solara Energía', 'solara.es', 'Energía renovable', '310', '2011', 'Sevilla, España', 'Plantas fotovoltaicas; mantenimiento\tO&M'],
  ['Fjordline ApS', 'fjordline.dk', 'Shipping', '88', '1998', 'Aarhus, Danmark', 'Færger og fragt'],
  ['Kallhamn AB', 'kallhamn.se', 'Logistik', '230', '1987', 'Göteborg, Sverige', ''],
  ['Tejo Logística', 'tejo.pt', 'Logística', '150', '2003', 'Lisboa, Portugal', 'Armazéns e distribuição "last mile"'],
  ['Vltava s.r.o.', 'vltava.cz', 'Software', '27', '2016', 'Praha, Česko', 'Účetní software'],
];

const sensors = [
  ['sensor_id', 'timestamp', 'value', 'unit', 'location'],
  ['th-01', '2024-03-01T00:00:00Z', '21.4', '°C', 'Büro 1'],
  ['th-01', '2024-03-01T00:15:00Z', '21.3', '°C', 'Büro 1'],
  ['th-02', '2024-03-01T00:00:00Z', '19.8', '°C', 'Lager Süd'],
  ['th-02', '2024-03-01T00:15:00Z', '19.6', '°C', 'Lager Süd'],
  ['hu-01', '2024-03-01T00:00:00Z', '48', '%', 'Büro 1'],
  ['hu-01', '2024-03-01T00:15:00Z', '49', '%', 'Büro 1'],
  ['co2-01', '2024-03-01T00:00:00Z', '612', 'ppm', 'Besprechungsraum „Alpen“'],
];

const transactions = [
  ['user', 'region', 'company', 'model', 'tokens', 'cost', 'timestamp'],
  ['u-1001', 'EU', 'Nordwerk GmbH', 'gpt-4o', '12000', '0.42', '2024-03-01T10:00:00Z'],
  ['u-1002', 'EU', 'Lumière Conseil', 'gpt-4o-mini', '83000', '0.05', '2024-03-01T10:05:12Z'],
  ['u-1003', 'APAC', '株式会社サクラ', 'claude-3-haiku', '4100', '0.01', '2024-03-01T11:20:00Z'],
  ['u-1001', 'EU', 'Nordwerk GmbH', 'gpt-4o', '9000', '0.31', '2024-03-01T12:00:40Z'],
  ['u-1004', 'LATAM', 'Solara Energía', 'gpt-4o', '15500', '0.54', '2024-03-02T08:45:00Z'],
  ['u-1005', 'NA', 'Harbourlight Ltd', 'text-embedding-3-small', '250000', '0.005', '2024-03-02T09:00:00Z'],
];

const [hh, ...hr] = hubspot;
const [mh, ...mr] = mailchimp;
const [ph, ...pr] = people;
const [ch, ...cr] = companies;
const [sh, ...sr] = sensors;
const [th, ...tr] = transactions;

const french = [
  ['Nom', 'Prénom', 'Société', 'Ville', 'Code postal', 'Téléphone', "Chiffre d'affaires (€)", 'Date de création'],
  ['Durand', 'Amélie', 'Lumière Conseil', 'Lyon', '69002', '04 72 10 20 30', '1250000,50', '12/03/2009'],
  ['Lefèvre', 'François', 'Bouchard Frères', 'Besançon', '25000', '03 81 55 66 77', '845300', '01/07/1998'],
  ['Gauthier', 'Hélène', 'Crème & Café', 'Bordeaux', '33000', '05 56 00 11 22', '98750,75', '15/09/2015'],
  ['Rousseau', 'Jérôme', 'Œuvres Graphiques', 'Nantes', '44000', '02 40 12 34 56', '310200', '03/02/2012'],
  ['Bérénice', 'Noël', 'Château de l’Étang', 'Épernay', '51200', '03 26 54 00 00', '2400000', '20/05/1921'],
  ['Moreau', 'Céline', 'Pâtisserie « Le Délice »', 'Toulouse', '31000', '05 61 22 33 44', '120450,20', '08/11/2018'],
  ['Faure', 'Benoît', 'Boulangerie Faure', 'Montpellier', '34000', '', '87600', '30/04/2001'],
];

const german = [
  ['Kundennummer', 'Firma', 'Ansprechpartner', 'Straße', 'PLZ', 'Ort', 'Umsatz 2023 (€)', 'Letzte Bestellung'],
  ['10001', 'Nordwerk GmbH', 'Jörg Müller', 'Leopoldstraße 12', '80802', 'München', '1.234.567,89', '28.02.2024'],
  ['10002', 'Bäckerei Schäfer', 'Anna Schäfer', 'Königsallee 3', '40212', 'Düsseldorf', '48.120,00', '15.01.2024'],
  ['10003', 'Größenwahn AG', 'Dr. Ulrich Weiß', 'Am Bürgerpark 7', '28209', 'Bremen', '312.400,50', '02.03.2024'],
  ['10004', 'Fräulein Grün OHG', 'Käthe Grün', 'Überseering 30', '22297', 'Hamburg', '9.870,25', '29.02.2024'],
  ['10005', 'Öko-Höfe Süd eG', 'Jürgen Brückner', 'Schloßstraße 1', '70176', 'Stuttgart', '77.000,00', '11.12.2023'],
  ['10006', 'Maßarbeit KG', 'Sören Voß', 'Fürstenwall 88', '40219', 'Düsseldorf', '5.432,10', '07.03.2024'],
];

const spanish = [
  ['Nombre', 'Apellidos', 'Empresa', 'Ciudad', 'Teléfono', 'Importe', 'Fecha', 'Comentario'],
  ['José', 'Núñez García', 'Solara Energía, S.L.', 'Sevilla', '954 12 34 56', '1.520,40', '01/03/2024', '¿Renovación anual?'],
  ['María', 'Peña Ibáñez', 'Viñedos del Duero', 'Valladolid', '983 44 55 66', '860,00', '02/03/2024', '¡Cliente nuevo!'],
  ['Iñaki', 'Etxeberría', 'Construcciones Ondarreta', 'San Sebastián', '943 21 00 99', '12.300,00', '04/03/2024', ''],
  ['Lucía', 'Gómez Muñoz', 'Cafetería La Señora', 'Málaga', '952 33 22 11', '95,50', '05/03/2024', 'Pago en efectivo'],
  ['Óscar', 'Martín Suárez', 'Imprenta Gutenberg', 'Zaragoza', '976 10 20 30', '2.045,75', '06/03/2024', 'Envío urgente'],
  ['Ángela', 'Rodríguez', 'Clínica Dental Sonrisa', 'Córdoba', '957 88 77 66', '430,00', '07/03/2024', ''],
  ['Begoña', 'Zubizarreta Ruiz', 'Conservas del Cantábrico', 'Santander', '942 11 22 33', '3.780,00', '08/03/2024', 'Facturación trimestral'],
  ['Ramón', 'Jiménez Cañete', 'Talleres Peñalver', 'Murcia', '968 55 44 33', '615,25', '08/03/2024', '¿Descuento por volumen?'],
  ['Inés', 'Álvarez Ortuño', 'Librería El Búho', 'Salamanca', '923 66 77 88', '148,90', '11/03/2024', 'Recogida en tienda'],
  ['Joaquín', 'Sánchez Niño', 'Agencia de Viajes Añoranza', 'Alicante', '965 00 11 22', '2.310,00', '12/03/2024', '¡Urgente! Confirmar vuelo'],
  ['Nuria', 'Castaño Fernández', 'Panadería Peñíscola', 'Castellón', '964 33 44 55', '72,30', '12/03/2024', ''],
  ['Tomás', 'Muñiz Aragón', 'Ferretería Logroño', 'Logroño', '941 22 33 44', '905,60', '13/03/2024', 'Envío a almacén'],
];

const usQuotes = [
  ['Contact', 'Company', 'Title', 'Last Activity', 'Notes'],
  ['Sarah O’Neil', 'Brightline Media', 'VP Marketing', '3/1/2024', 'Loved the “Q1 Growth” deck – follow up'],
  ['Tom Baker', 'Baker’s Dozen Inc.', 'Owner', '3/2/2024', 'Said it’s “too early” for a pilot'],
  ['Priya Raman', 'Quillfeather LLC', 'Director', '3/4/2024', 'Budget approved — €5,000 for EU team'],
  ['Dan Kowalski', 'Northfield Dairy', 'Purchasing', '3/4/2024', ''],
  ['Grace Liu', 'Peachtree Analytics', 'Data Lead', '3/5/2024', 'Sent pricing… waiting'],
  ['Marcus Reid', 'Reid & Sons', 'Partner', '3/6/2024', '“Call after the 15th”'],
];

const sap = [
  ['Material', 'Materialkurztext', 'Werk', 'Lagerort', 'Bestand', 'Basismengeneinheit', 'Wert in Hauswährung'],
  ['100-100', 'Gehäuse Stahl verzinkt', '1000', '0001', '1.250', 'ST', '18.437,50'],
  ['100-200', 'Dichtung Ø 40 mm', '1000', '0001', '12.000', 'ST', '1.080,00'],
  ['100-310', 'Schraube M8×40 DIN 933', '1000', '0002', '45.500', 'ST', '2.275,00'],
  ['200-010', 'Kühlmittel 5 l', '1100', '0001', '320', 'L', '3.840,00'],
  ['200-020', 'Schmierfett 400 g', '1100', '0001', '85', 'ST', '510,00'],
  ['300-001', 'Verpackung Größe L', '1000', '0003', '2.000', 'ST', '1.100,00'],
];

const euro15 = [
  ['Article', 'Désignation', 'Prix HT', 'Prix TTC', 'Devise'],
  ['A-001', 'Bœuf bourguignon (portion)', '12,50 €', '13,19 €', 'EUR'],
  ['A-002', 'Œufs de poule plein air ×12', '4,20 €', '4,43 €', 'EUR'],
  ['A-003', 'Coffret Šumava (import)', '29,00 €', '34,80 €', 'EUR'],
  ['A-004', 'Žatec houblon 500 g', '8,90 €', '10,68 €', 'EUR'],
  ['A-005', 'Crème brûlée', '5,10 €', '5,38 €', 'EUR'],
  ['A-006', 'Cœur de filet', '22,00 €', '23,21 €', 'EUR'],
];

const japanese = [
  ['顧客ID', '氏名', 'フリガナ', '会社名', 'メールアドレス', '電話番号', '都道府県', '登録日'],
  ['C0001', '山田 太郎', 'ヤマダ タロウ', '株式会社サクラ商事', 'yamada@sakura-shoji.co.jp', '03-1234-5678', '東京都', '2024/03/01'],
  ['C0002', '佐藤 花子', 'サトウ ハナコ', '富士山電機株式会社', 'h.sato@fujisan-denki.co.jp', '045-987-6543', '神奈川県', '2024/03/01'],
  ['C0003', '鈴木 一郎', 'スズキ イチロウ', '有限会社鈴木工務店', 'ichiro@suzuki-koumuten.jp', '052-111-2222', '愛知県', '2024/03/02'],
  ['C0004', '高橋 美咲', 'タカハシ ミサキ', '株式会社みらい物流', 'misaki.takahashi@mirai-butsuryu.jp', '06-3333-4444', '大阪府', '2024/03/03'],
  ['C0005', '田中 健太', 'タナカ ケンタ', '北海道食品株式会社', 'k.tanaka@hokkaido-shokuhin.jp', '011-555-6666', '北海道', '2024/03/04'],
  ['C0006', '伊藤 さくら', 'イトウ サクラ', '京都織物合同会社', 'sakura.ito@kyoto-orimono.jp', '075-777-8888', '京都府', '2024/03/05'],
  ['C0007', '渡辺 翔太', 'ワタナベ ショウタ', '株式会社九州テクノロジー', 'watanabe@kyushu-tech.co.jp', '092-222-3333', '福岡県', '2024/03/06'],
  ['C0008', '中村 由美', 'ナカムラ ユミ', '東北精密工業株式会社', 'yumi@tohoku-seimitsu.co.jp', '022-444-5555', '宮城県', '2024/03/07'],
  ['C0009', '小林 大輔', 'コバヤシ ダイスケ', '瀬戸内造船株式会社', 'd.kobayashi@setouchi-zosen.jp', '082-666-7777', '広島県', '2024/03/08'],
  ['C0010', '加藤 愛', 'カトウ アイ', '株式会社信州りんご園', 'ai.kato@shinshu-ringo.jp', '026-888-9999', '長野県', '2024/03/09'],
];

const japaneseSales = [
  ['伝票番号', '売上日', '得意先名', '商品名', '数量', '単価', '金額', '担当者'],
  ['S-24001', '2024/03/01', '株式会社サクラ商事', 'ノートパソコン', '3', '128000', '384000', '山本'],
  ['S-24002', '2024/03/01', '富士山電機株式会社', 'モニター 27型', '10', '32800', '328000', '山本'],
  ['S-24003', '2024/03/04', '有限会社鈴木工務店', '複合機 保守契約', '1', '54000', '54000', '井上'],
  ['S-24004', '2024/03/05', '株式会社みらい物流', 'ハンディ端末', '25', '45000', '1125000', '木村'],
  ['S-24005', '2024/03/06', '北海道食品株式会社', '業務用冷蔵庫', '2', '398000', '796000', '井上'],
  ['S-24006', '2024/03/08', '京都織物合同会社', '会計ソフト ライセンス', '5', '19800', '99000', '木村'],
];

const chineseOrders = [
  ['订单编号', '客户名称', '联系人', '手机号码', '省份', '城市', '订单金额', '下单时间', '备注'],
  ['DD20240301001', '北京华夏科技有限公司', '王伟', '13800138000', '北京市', '北京', '12800.00', '2024-03-01 09:15:22', '加急发货'],
  ['DD20240301002', '上海东方贸易有限公司', '李娜', '13912345678', '上海市', '上海', '5600.50', '2024-03-01 10:02:11', ''],
  ['DD20240301003', '广州南粤电子厂', '张强', '13588889999', '广东省', '广州', '23999.00', '2024-03-01 14:30:45', '开增值税专用发票'],
  ['DD20240302001', '深圳前海物流有限公司', '刘洋', '13711112222', '广东省', '深圳', '880.00', '2024-03-02 08:20:00', ''],
  ['DD20240302002', '杭州西湖茶业', '陈静', '13666667777', '浙江省', '杭州', '3200.00', '2024-03-02 11:45:30', '礼盒包装'],
  ['DD20240303001', '成都天府餐饮管理有限公司', '杨帆', '13555556666', '四川省', '成都', '15600.00', '2024-03-03 16:10:09', '分两批送货'],
  ['DD20240303002', '武汉长江机械制造厂', '赵磊', '13444445555', '湖北省', '武汉', '47200.00', '2024-03-03 17:55:41', ''],
  ['DD20240304001', '西安古城文化传媒', '黄丽', '13333334444', '陕西省', '西安', '6900.00', '2024-03-04 09:05:00', '请提前电话联系'],
];

const chineseContacts = [
  ['姓名', '公司', '职位', '邮箱', '电话', '地址'],
  ['王伟', '北京华夏科技有限公司', '总经理', 'wangwei@huaxia-tech.cn', '010-88886666', '北京市海淀区中关村大街1号'],
  ['李娜', '上海东方贸易有限公司', '采购经理', 'lina@dongfang-trade.cn', '021-66668888', '上海市浦东新区世纪大道100号'],
  ['张强', '广州南粤电子厂', '厂长', 'zhangqiang@nanyue-dz.cn', '020-33335555', '广州市天河区体育西路20号'],
  ['刘洋', '深圳前海物流有限公司', '运营总监', 'liuyang@qianhai-wl.cn', '0755-22224444', '深圳市南山区前海路8号'],
  ['陈静', '杭州西湖茶业', '市场专员', 'chenjing@xihu-tea.cn', '0571-87654321', '杭州市西湖区龙井路3号'],
  ['杨帆', '成都天府餐饮管理有限公司', '财务主管', 'yangfan@tianfu-cy.cn', '028-85556666', '成都市锦江区春熙路66号'],
  ['刘䶮', '广州南汉文化研究会', '研究员', 'liuyan@nanhan-wh.cn', '020-87776666', '广州市越秀区中山四路'],
];

const korean = [
  ['고객번호', '이름', '회사명', '이메일', '전화번호', '주소', '가입일'],
  ['K-001', '김민준', '한빛전자 주식회사', 'minjun.kim@hanbit.co.kr', '02-1234-5678', '서울특별시 강남구 테헤란로 123', '2024-03-01'],
  ['K-002', '이서연', '푸른바다 수산', 'seoyeon@purunbada.kr', '051-987-6543', '부산광역시 해운대구 해운대로 45', '2024-03-02'],
  ['K-003', '박지훈', '대한물류 주식회사', 'jihoon.park@daehan-logis.co.kr', '032-555-1234', '인천광역시 중구 공항로 272', '2024-03-02'],
  ['K-004', '최수아', '미래건설', 'sua.choi@mirae-con.kr', '042-333-2222', '대전광역시 유성구 대학로 99', '2024-03-03'],
  ['K-005', '정우진', '새봄식품 주식회사', 'woojin@saebom-food.co.kr', '062-777-8888', '광주광역시 북구 첨단과기로 10', '2024-03-04'],
  ['K-006', '강하은', '하늘여행사', 'haeun.kang@haneul-travel.kr', '064-111-3333', '제주특별자치도 제주시 중앙로 50', '2024-03-05'],
  ['K-007', '조현우', '동해조선 주식회사', 'hyunwoo.jo@donghae-ship.co.kr', '052-222-9999', '울산광역시 동구 방어진순환도로 1000', '2024-03-06'],
];

const koreanSensors = [
  ['센서번호', '측정시각', '측정값', '단위', '설치장소'],
  ['온도-01', '2024-03-01 00:00:00', '21.5', '도', '본관 1층 로비'],
  ['온도-01', '2024-03-01 01:00:00', '21.1', '도', '본관 1층 로비'],
  ['온도-02', '2024-03-01 00:00:00', '18.9', '도', '창고 동쪽'],
  ['습도-01', '2024-03-01 00:00:00', '45', '퍼센트', '본관 1층 로비'],
  ['습도-01', '2024-03-01 01:00:00', '47', '퍼센트', '본관 1층 로비'],
  ['미세먼지-01', '2024-03-01 00:00:00', '32', '마이크로그램', '주차장 입구'],
  ['미세먼지-01', '2024-03-01 01:00:00', '35', '마이크로그램', '주차장 입구'],
];

const russian1c = [
  ['Контрагент', 'ИНН', 'Дата', 'Номер документа', 'Сумма', 'Валюта', 'Назначение платежа'],
  ['ООО «Ромашка»', '7701234567', '01.03.2024', '145', '125000,00', 'руб.', 'Оплата по счёту № 17 от 26.02.2024'],
  ['АО «Северсталь-Сервис»', '3528000597', '01.03.2024', '146', '48500,50', 'руб.', 'Поставка металлопроката'],
  ['ИП Иванов Иван Иванович', '500100732259', '04.03.2024', '147', '7800,00', 'руб.', 'Услуги доставки'],
  ['ООО «Техноторг»', '7812014560', '05.03.2024', '148', '356000,00', 'руб.', 'Предоплата 50%'],
  ['ПАО «Волга-Телеком»', '5260901817', '06.03.2024', '149', '12340,75', 'руб.', 'Связь за февраль'],
  ['ООО «Сибирский лес»', '5406123456', '07.03.2024', '150', '910000,00', 'руб.', 'Пиломатериалы; договор 3-Л'],
];

const russianContacts = [
  ['Фамилия', 'Имя', 'Отчество', 'Компания', 'Должность', 'Email', 'Город'],
  ['Иванов', 'Сергей', 'Петрович', 'ООО Ромашка', 'Генеральный директор', 'ivanov@romashka.ru', 'Москва'],
  ['Смирнова', 'Ольга', 'Викторовна', 'АО Северсталь-Сервис', 'Главный бухгалтер', 'o.smirnova@severstal-s.ru', 'Череповец'],
  ['Кузнецов', 'Алексей', 'Игоревич', 'ООО Техноторг', 'Менеджер по закупкам', 'kuznetsov@technotorg.ru', 'Санкт-Петербург'],
  ['Попова', 'Екатерина', 'Андреевна', 'ПАО Волга-Телеком', 'Руководитель отдела', 'e.popova@volgatelecom.ru', 'Нижний Новгород'],
  ['Соколов', 'Дмитрий', 'Сергеевич', 'ООО Сибирский лес', 'Коммерческий директор', 'sokolov@siblesprom.ru', 'Новосибирск'],
  ['Лебедева', 'Анна', 'Михайловна', 'ИП Лебедева', 'Владелец', 'anna@lebedeva-shop.ru', 'Казань'],
];

module.exports = [
  {
    file: 'enc-utf8-bom-hubspot-contacts.csv',
    kind: 'encoding',
    flavour: 'HubSpot contacts export saved by Excel as "CSV UTF-8 (Comma delimited)": UTF-8 with BOM, CRLF',
    encoding: 'utf-8',
    bom: true,
    eol: '\r\n',
    parts: table(hh, hr),
  },
  {
    file: 'enc-utf8-nobom-mailchimp-members.csv',
    kind: 'encoding',
    flavour: 'Mailchimp audience export: UTF-8 without BOM, LF, emoji and Cyrillic, quoted tag lists',
    encoding: 'utf-8',
    parts: table(mh, mr),
  },
  {
    file: 'enc-utf8-bom-excel-people-notes.csv',
    kind: 'encoding',
    flavour: 'Excel "CSV UTF-8" of a people list: BOM, CRLF, quoted commas and doubled quotes',
    encoding: 'utf-8',
    bom: true,
    eol: '\r\n',
    parts: table(ph, pr),
  },
  {
    file: 'enc-utf8-bom-semicolon-excel-mac.csv',
    kind: 'encoding',
    flavour: 'Excel for Mac "CSV UTF-8" in a French locale: BOM, semicolons, decimal commas',
    encoding: 'utf-8',
    bom: true,
    eol: '\r\n',
    dialect: SEMI,
    parts: table(french[0], french.slice(1)),
  },
  {
    file: 'enc-utf16le-bom-excel-unicode-text.txt',
    kind: 'encoding',
    flavour: 'Excel "Unicode Text (*.txt)": UTF-16 LE with BOM, tab-separated, CRLF, cells with tabs quoted',
    encoding: 'utf-16le',
    bom: true,
    eol: '\r\n',
    dialect: TAB,
    parts: table(ch, cr),
  },
  {
    file: 'enc-utf16le-bom-excel-unicode-sensors.txt',
    kind: 'encoding',
    flavour: 'Excel "Unicode Text" of sensor readings (°C, „quotes“): UTF-16 LE BOM, tab, CRLF',
    encoding: 'utf-16le',
    bom: true,
    eol: '\r\n',
    dialect: TAB,
    parts: table(sh, sr),
  },
  {
    file: 'enc-utf16le-bom-powershell-export-csv.csv',
    kind: 'encoding',
    flavour: 'Windows PowerShell 5 `Export-Csv -Encoding Unicode`: UTF-16 LE BOM, #TYPE line, every field quoted, CRLF',
    encoding: 'utf-16le',
    bom: true,
    eol: '\r\n',
    dialect: ALLQ,
    parts: [{ type: 'preamble', raw: '#TYPE System.Management.Automation.PSCustomObject' }, ...table(ph, pr)],
  },
  { file: 'enc-utf16be-bom-people.csv', kind: 'encoding', flavour: 'UTF-16 BE with BOM (Java / old Mac tools), commas, LF', encoding: 'utf-16be', bom: true, parts: table(ph, pr) },
  {
    file: 'enc-utf16be-nobom-transactions.csv',
    kind: 'encoding',
    flavour: 'UTF-16 BE without BOM (only the NUL pattern tells), commas',
    encoding: 'utf-16be',
    parts: table(th, tr),
  },
  {
    file: 'enc-utf16le-nobom-transactions.csv',
    kind: 'encoding',
    flavour: 'UTF-16 LE without BOM (SQL Server bcp -w style), commas, CRLF',
    encoding: 'utf-16le',
    eol: '\r\n',
    parts: table(th, tr),
  },
  {
    file: 'enc-utf16le-nobom-tab-companies.tsv',
    kind: 'encoding',
    flavour: 'UTF-16 LE without BOM, tab-separated .tsv',
    encoding: 'utf-16le',
    eol: '\r\n',
    dialect: TAB,
    parts: table(ch, cr),
  },
  {
    file: 'enc-win1252-french-excel-clients.csv',
    kind: 'encoding',
    flavour: 'French Excel "CSV (séparateur: point-virgule)": windows-1252, semicolons, decimal commas, €, œ, guillemets, CRLF',
    encoding: 'windows-1252',
    eol: '\r\n',
    dialect: SEMI,
    parts: table(french[0], french.slice(1)),
  },
  {
    file: 'enc-win1252-german-excel-umsatz.csv',
    kind: 'encoding',
    flavour: 'German Excel "CSV (Trennzeichen-getrennt)": windows-1252, semicolons, 1.234,56 amounts, dd.mm.yyyy dates, CRLF',
    encoding: 'windows-1252',
    eol: '\r\n',
    dialect: SEMI,
    parts: table(german[0], german.slice(1)),
  },
  {
    file: 'enc-win1252-spanish-excel-clientes.csv',
    kind: 'encoding',
    flavour: 'Spanish Excel CSV: windows-1252, semicolons, ñ ¿ ¡, decimal commas, CRLF',
    encoding: 'windows-1252',
    eol: '\r\n',
    dialect: SEMI,
    parts: table(spanish[0], spanish.slice(1)),
  },
  {
    file: 'enc-win1252-us-excel-smart-quotes.csv',
    kind: 'encoding',
    flavour: 'US Excel "CSV (Comma delimited)" with Word-pasted curly quotes, dashes and ellipsis (bytes 0x80–0x9F): windows-1252, commas, CRLF',
    encoding: 'windows-1252',
    eol: '\r\n',
    parts: table(usQuotes[0], usQuotes.slice(1)),
  },
  {
    file: 'enc-latin1-sap-stock-list.txt',
    kind: 'encoding',
    flavour: 'SAP GUI "unconverted/spreadsheet" list export: ISO-8859-1 bytes (read as windows-1252, its WHATWG superset), tab-separated .txt',
    encoding: 'windows-1252',
    eol: '\r\n',
    dialect: TAB,
    parts: table(sap[0], sap.slice(1)),
  },
  {
    file: 'enc-iso885915-euro-prices.csv',
    kind: 'encoding',
    flavour: 'ISO-8859-15 price list with € (0xA4), Œ/œ, Š, Ž — declared by the user, since bytes alone read as windows-1252',
    encoding: 'iso-8859-15',
    dialect: SEMI,
    options: { encoding: 'iso-8859-15' },
    parts: table(euro15[0], euro15.slice(1)),
  },
  {
    file: 'enc-shiftjis-excel-customers.csv',
    kind: 'encoding',
    flavour: 'Japanese Excel CSV: Shift_JIS, commas, CRLF, kanji and katakana',
    encoding: 'shift_jis',
    eol: '\r\n',
    parts: table(japanese[0], japanese.slice(1)),
  },
  {
    file: 'enc-shiftjis-sales-ledger.csv',
    kind: 'encoding',
    flavour: 'Japanese sales ledger (弥生販売-style): Shift_JIS, all fields quoted, CRLF',
    encoding: 'shift_jis',
    eol: '\r\n',
    dialect: ALLQ,
    parts: table(japaneseSales[0], japaneseSales.slice(1)),
  },
  {
    file: 'enc-gb18030-excel-orders.csv',
    kind: 'encoding',
    flavour: 'Chinese Excel CSV (GBK/GB18030): orders, commas, CRLF',
    encoding: 'gb18030',
    eol: '\r\n',
    parts: table(chineseOrders[0], chineseOrders.slice(1)),
  },
  {
    file: 'enc-gb18030-wps-contacts.csv',
    kind: 'encoding',
    flavour: 'WPS Office CSV of contacts: GB18030, commas, LF, one name (刘䶮) outside GBK, written as a four-byte GB18030 sequence',
    encoding: 'gb18030',
    parts: table(chineseContacts[0], chineseContacts.slice(1)),
  },
  {
    file: 'enc-euckr-excel-customers.csv',
    kind: 'encoding',
    flavour: 'Korean Excel CSV: EUC-KR (CP949), commas, CRLF',
    encoding: 'euc-kr',
    eol: '\r\n',
    parts: table(korean[0], korean.slice(1)),
  },
  {
    file: 'enc-euckr-sensor-log.csv',
    kind: 'encoding',
    flavour: 'Korean building-management sensor log: EUC-KR, commas, CRLF',
    encoding: 'euc-kr',
    eol: '\r\n',
    parts: table(koreanSensors[0], koreanSensors.slice(1)),
  },
  {
    file: 'enc-win1251-1c-payments.csv',
    kind: 'encoding',
    flavour: '1C:Enterprise payment export: windows-1251, semicolons, «ёлочки», decimal commas, CRLF',
    encoding: 'windows-1251',
    eol: '\r\n',
    dialect: SEMI,
    parts: table(russian1c[0], russian1c.slice(1)),
  },
  {
    file: 'enc-win1251-excel-contacts.csv',
    kind: 'encoding',
    flavour: 'Russian Excel CSV of contacts: windows-1251, semicolons, CRLF',
    encoding: 'windows-1251',
    eol: '\r\n',
    dialect: SEMI,
    parts: table(russianContacts[0], russianContacts.slice(1)),
  },
  {
    file: 'enc-win1251-declared-contacts.csv',
    kind: 'encoding',
    flavour: 'windows-1251 contacts, comma-separated, read with the encoding declared per upload',
    encoding: 'windows-1251',
    options: { encoding: 'windows-1251' },
    parts: table(russianContacts[0], russianContacts.slice(1)),
  },
  {
    file: 'enc-utf8-invalid-byte-one-row.csv',
    kind: 'encoding',
    flavour: 'UTF-8 people list where one row holds a stray 0xFF byte: that row is rejected, the others kept',
    encoding: 'utf-8',
    parts: [H(ph), R(pr[0]), R(pr[1]), X(`Ren${BAD}e Côté,renee.cote@cote-avocats.ca,Partner,Côté & Associés,Québec,`, { text: false }), R(pr[4]), R(pr[5])],
  },
  {
    file: 'enc-utf8-latin1-paste-one-row.csv',
    kind: 'encoding',
    flavour: 'UTF-8 HubSpot export with one row pasted from a Latin-1 system (a lone 0xE9 for é): that row is rejected, the file still reads as UTF-8',
    encoding: 'utf-8',
    badByte: 0xe9,
    parts: [
      H(hh),
      R(hr[0]),
      R(hr[1]),
      R(hr[2]),
      X(`57,Fran${BAD}ois,Lef${BAD}vre,f.lefevre@bouchard-freres.fr,,Bouchard Fr${BAD}res,G${BAD}rant,lead,2024-03-05 17:45`, { text: false }),
      R(hr[4]),
      R(hr[5]),
    ],
  },
];
