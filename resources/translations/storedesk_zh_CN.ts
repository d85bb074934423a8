<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AfterSaleEditor</name>
    <message>
        <location filename="../../backoffice/channel_screen.py" line="+630"/>
        <source>After sale</source>
        <translation>售后处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order {order}</source>
        <translation>订单 {order}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{product} × {qty}, {amount} · {shop} · {state}</source>
        <translation>{product} × {qty}，{amount} · {shop} · 售后：{state}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reissue the card key</source>
        <translation>补发卡密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason (required, kept with the order)</source>
        <translation>原因（必填，随订单保存）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm</source>
        <translation>确定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The order&apos;s card key is voided with the reason; nothing is issued again.</source>
        <translation>订单的卡密将按此原因作废，不再补发。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The order&apos;s card key is voided with the reason and a new one issued from the pool.</source>
        <translation>订单的卡密将按此原因作废，并从卡密库补发一张新卡密。</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../pos/dialogs/approval.py" line="+23"/>
        <source>Manager approval</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve</source>
        <translation>授权</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Manager account</source>
        <translation>店长账号</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Enter the manager&apos;s account</source>
        <translation>请输入店长账号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the manager&apos;s PIN</source>
        <translation>请输入店长 PIN</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checking…</source>
        <translation>正在验证……</translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <location filename="../../backoffice/stocktake_screen.py" line="+283"/>
        <source>Approve count sheet</source>
        <translation>审核盘点单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve {no} ({warehouse}, {scope})?</source>
        <translation>审核盘点单 {no}（{warehouse}，{scope}）？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gains</source>
        <translation>盘盈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Losses</source>
        <translation>盘亏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not counted</source>
        <translation>未盘</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Count the {count} SKUs not counted as zero (their book stock is set to zero)</source>
        <translation>未盘的 {count} 个 SKU 按零计（账面库存清零）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approve</source>
        <translation>审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{skus} SKUs, +{qty}, {value} at today&apos;s average cost</source>
        <translation>{skus} 个 SKU，+{qty}，按当前平均成本 {value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{skus} SKUs, -{qty}, {value} at today&apos;s average cost</source>
        <translation>{skus} 个 SKU，-{qty}，按当前平均成本 {value}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every SKU with stock on the book is counted</source>
        <translation>账面有库存的 SKU 均已盘点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} SKUs with {qty} on the book: counted as zero, the difference is posted</source>
        <translation>{count} 个 SKU，账面 {qty}：按零计，差异入账</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} SKUs with {qty} on the book: left as they are</source>
        <translation>{count} 个 SKU，账面 {qty}：保持不变</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approving posts the gains and losses to the stock ledger at once. A sheet is approved once and cannot be changed afterwards.</source>
        <translation>审核后盘盈盘亏立即记入库存流水。盘点单只能审核一次，审核后不能再修改。</translation>
    </message>
</context>
<context>
    <name>AreaKit</name>
    <message>
        <location filename="../../backoffice/area_kit.py" line="+34"/>
        <source>CSV files (*.csv)</source>
        <extracomment>an export still running after this long shows its progress dialog (with Cancel) asks where to save: (suggested file name, file-type filter) -&gt; a path, or None to cancel asks a yes/no question: (title, text) -&gt; yes</extracomment>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+69"/>
        <location line="+3"/>
        <source>Exporting…</source>
        <extracomment>turns a refusal into the interface&apos;s words (an area passes its own for its own codes)</extracomment>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Exported {count} rows…</source>
        <translation>已导出 {count} 行…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export cancelled; no file was written</source>
        <translation>导出已取消，未生成文件</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exported {count} rows to {path}</source>
        <translation>已导出 {count} 行到 {path}</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <location filename="../../backoffice/audit_screen.py" line="+68"/>
        <source>Export audit log</source>
        <extracomment>days the date filter covers when first switched on (up to today)</extracomment>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who: account or name</source>
        <translation>经办人：账号或姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target contains…</source>
        <translation>操作对象包含…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+70"/>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Choose an entry to see its detail</source>
        <translation>选择一条记录查看明细</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My stores and my own actions</source>
        <translation>我的门店及本人的操作</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{family}* (all)</source>
        <translation>{family}*（全部）</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{count} entries</source>
        <translation>共 {count} 条</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Time: {time}</source>
        <translation>时间：{time}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who: {who}</source>
        <translation>经办人：{who}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action: {name} ({action})</source>
        <translation>操作：{name}（{action}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Target: {target}</source>
        <translation>操作对象：{target}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store: {store}</source>
        <translation>门店：{store}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action code</source>
        <translation>操作代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>操作对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detail</source>
        <translation>明细</translation>
    </message>
</context>
<context>
    <name>BackofficeController</name>
    <message>
        <location filename="../../backoffice/app.py" line="+100"/>
        <location line="+12"/>
        <source>StoreDesk back office</source>
        <translation>StoreDesk 管理后台</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>StoreDesk</source>
        <translation>StoreDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Shift review</source>
        <translation>班次审核</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sync exceptions</source>
        <translation>同步异常</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reports</source>
        <translation>数据统计</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Store settlement</source>
        <translation>门店结算</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Catalog</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Coupons</source>
        <translation>卡券管理</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verification records</source>
        <translation>核销记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Card-key pools</source>
        <translation>卡密库</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>E-commerce channels</source>
        <translation>电商渠道</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>E-commerce orders</source>
        <translation>电商订单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stock</source>
        <translation>库存查询</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stock vouchers</source>
        <translation>出入库单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Low stock</source>
        <translation>库存预警</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Transfers</source>
        <translation>调拨</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stock reservations</source>
        <translation>锁定库存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stores</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Terminals</source>
        <translation>收银终端</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
</context>
<context>
    <name>BackofficeMessages</name>
    <message>
        <location filename="../../backoffice/messages.py" line="+16"/>
        <source>Only managers and admins may use the back office</source>
        <translation>只有店长和管理员可以使用管理后台</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You may not review the shifts of store {store}</source>
        <translation>您无权审核门店 {store} 的班次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write a comment saying why the shift is flagged</source>
        <translation>标记班次时请填写说明</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The comment is too long (at most 200 characters)</source>
        <translation>说明过长（最多 200 字）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only a closed shift can be reviewed</source>
        <translation>只能审核已交班的班次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This shift no longer exists</source>
        <translation>该班次不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The date range ends before it starts</source>
        <translation>结束日期早于开始日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No such store</source>
        <translation>门店不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export to a .csv or .xlsx file</source>
        <translation>请导出为 .csv 或 .xlsx 文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter your account</source>
        <translation>请输入账号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wrong account or password ({left} attempts left)</source>
        <translation>账号或密码错误（还可尝试 {left} 次）</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <location filename="../../pos/verifier/views.py" line="+280"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Camera on</source>
        <translation>打开摄像头</translation>
    </message>
</context>
<context>
    <name>CameraScanner</name>
    <message>
        <location filename="../../pos/verifier/camera.py" line="+379"/>
        <source>No camera found: scan with the scanner or type the code above</source>
        <extracomment>frames wider or taller than this are scaled down before decoding at most this many decodes a second from a live camera at most this many preview frames a second</extracomment>
        <translation>未找到摄像头：请用扫码枪扫描，或在上方输入券码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No camera</source>
        <translation>无摄像头</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Camera error ({name}): {error}</source>
        <translation>摄像头错误（{name}）：{error}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Camera on ({name}): hold the code in front of it</source>
        <translation>摄像头已打开（{name}）：请将码对准摄像头</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>Camera off</source>
        <translation>关闭摄像头</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Waiting for the camera…</source>
        <translation>正在等待摄像头……</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Camera off ({name}): F4 turns it on</source>
        <translation>摄像头已关闭（{name}）：按 F4 打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Camera on</source>
        <translation>打开摄像头</translation>
    </message>
</context>
<context>
    <name>CardKeyImport</name>
    <message>
        <location filename="../../backoffice/card_key_screen.py" line="+186"/>
        <source>Import card keys</source>
        <translation>导入卡密</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A TXT file with one card key per line, or card number and password as “card_no,password”; UTF-8 (with or without BOM) or GB18030. Blank lines are skipped; keys already in the pool or given twice are reported and skipped.</source>
        <translation>TXT 文件，每行一个卡密，或以“卡号,密码”的形式填写卡号和密码；编码为 UTF-8（带或不带 BOM）或 GB18030。空行会被跳过；卡密库中已有或文件中重复的卡密会列出并跳过。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose file and import…</source>
        <translation>选择文件并导入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose the file of card keys</source>
        <translation>选择卡密文件</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Import cancelled: no key was added</source>
        <translation>已取消导入：未添加任何卡密</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Read {read} keys: {added} added, {duplicate} duplicates skipped, {invalid} invalid lines.</source>
        <translation>共读取 {read} 个卡密：添加 {added} 个，跳过重复 {duplicate} 个，无效行 {invalid} 行。</translation>
    </message>
</context>
<context>
    <name>CardKeyMessages</name>
    <message>
        <location line="-236"/>
        <source>The configured card-key encryption key (version {version}) is not the one the card keys were encrypted with. Nothing was decrypted or changed: configure the right key and start the back office again.</source>
        <translation>配置的卡密加密密钥（版本 {version}）不是加密这些卡密时所用的密钥。未解密也未修改任何内容：请配置正确的密钥后重新启动后台。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Card keys in the pool are encrypted with key version {version}, which is not configured. Configure it again beside the newer one until “storedesk cardkeys rotate” has re-encrypted them, then start the back office again.</source>
        <translation>卡密库中有卡密使用密钥版本 {version} 加密，但该版本未配置。请在新版本之外重新配置该版本，直到“storedesk cardkeys rotate”完成重新加密，然后重新启动后台。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The card-key encryption key in the configuration is malformed: each entry is VERSION:BASE64 of a 32-byte key, as “storedesk cardkeys keygen” prints it.</source>
        <translation>配置中的卡密加密密钥格式不正确：每一项应为“版本:BASE64”，内容为 32 字节的密钥，即“storedesk cardkeys keygen”输出的格式。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No card-key encryption key is configured.</source>
        <translation>未配置卡密加密密钥。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This card key does not decrypt: the encryption key is wrong or the stored key was altered.</source>
        <translation>此卡密无法解密：加密密钥不正确，或存储的卡密已被篡改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This key is {state}: only an available key can be voided, deleted or edited.</source>
        <translation>此卡密{state}：只有可用的卡密才能作废、删除或修改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This card key no longer exists.</source>
        <translation>此卡密已不存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the reason for voiding the key.</source>
        <translation>请填写作废卡密的原因。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The reason is too long (at most 200 characters).</source>
        <translation>原因过长（最多 200 个字符）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This product is not a card-key product.</source>
        <translation>此商品不是卡密类商品。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is empty: it holds no card keys.</source>
        <translation>文件为空：其中没有卡密。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is too large: one import takes at most {mb} MB. Split the file.</source>
        <translation>文件过大：每次导入最多 {mb} MB，请拆分文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not a text file of card keys. Save the keys as TXT (UTF-8 or GB18030), one per line.</source>
        <translation>这不是卡密文本文件。请将卡密保存为 TXT（UTF-8 或 GB18030），每行一个。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generate 1 to {high} keys at a time.</source>
        <translation>每次可生成 1 至 {high} 个卡密。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A generated key has 8 to 64 characters.</source>
        <translation>生成的卡密长度为 8 至 64 个字符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The stock setting is a whole number from 0 to 10,000,000.</source>
        <translation>库存设置须为 0 至 10,000,000 之间的整数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are not allowed to do this.</source>
        <translation>您无权执行此操作。</translation>
    </message>
</context>
<context>
    <name>CardKeyScreen</name>
    <message>
        <location line="+420"/>
        <source>Card-key pools</source>
        <translation>卡密库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import keys…</source>
        <translation>导入卡密…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate keys…</source>
        <translation>生成卡密…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stock setting…</source>
        <translation>库存设置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys</source>
        <translation>卡密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reveal</source>
        <translation>查看明文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only users allowed to reveal card keys can do this</source>
        <translation>只有具备查看卡密权限的用户才能执行此操作</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No card-key encryption key is configured, so card keys cannot be imported, sold or shown. Run “storedesk cardkeys keygen” and put the line it prints into the environment variable STOREDESK_CARD_KEYS, or into the file {path} (readable by this user only), then start the back office again. Keep a copy of the key in a safe place: without it the card keys cannot be decrypted.</source>
        <translation>未配置卡密加密密钥，因此无法导入、销售或查看卡密。请运行“storedesk cardkeys keygen”，将其输出的一行填入环境变量 STOREDESK_CARD_KEYS，或写入文件 {path}（仅限当前用户可读），然后重新启动后台。请将密钥另行妥善备份：没有它，卡密将无法解密。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The card-key area cannot be used: {reason} (key read from {source})</source>
        <translation>卡密库无法使用：{reason}（密钥读取自 {source}）</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+49"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>{count} card-key products, {available} keys available</source>
        <translation>共 {count} 个卡密商品，可用卡密 {available} 个</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No card-key products yet: create a product of kind card key in the catalog first.</source>
        <translation>还没有卡密商品：请先在商品资料中创建类型为“卡密”的商品。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{name}: {total} keys shown (masked)</source>
        <translation>{name}：共 {total} 个卡密（已脱敏显示）</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Imported {added} keys into {name}</source>
        <translation>已向 {name} 导入 {added} 个卡密</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Generated {added} keys into {name}</source>
        <translation>已为 {name} 生成 {added} 个卡密</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Stock setting of {name}: {setting}</source>
        <translation>{name} 的库存设置：{setting}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Card key {key} copied to the clipboard (recorded in the audit log)</source>
        <translation>卡密 {key} 已复制到剪贴板（已记入审计日志）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Card key {key}: {text}</source>
        <translation>卡密 {key}：{text}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Card key {key} revealed (recorded in the audit log)</source>
        <translation>已查看卡密 {key} 的明文（已记入审计日志）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Card key {key} voided</source>
        <translation>卡密 {key} 已作废</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delete card key</source>
        <translation>删除卡密</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete card key {key} from the pool for good? Only a key imported by mistake that was never reserved or sold can be deleted.</source>
        <translation>确定要从卡密库中永久删除卡密 {key} 吗？只有误导入且从未被占用或售出的卡密才能删除。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Card key {key} deleted</source>
        <translation>卡密 {key} 已删除</translation>
    </message>
</context>
<context>
    <name>CardKeys</name>
    <message>
        <location filename="../../backoffice/card_key_models.py" line="+32"/>
        <location line="+42"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="-41"/>
        <location line="+42"/>
        <source>Reserved</source>
        <translation>被占用</translation>
    </message>
    <message>
        <location line="-41"/>
        <location line="+42"/>
        <source>Sold</source>
        <translation>已售出</translation>
    </message>
    <message>
        <location line="-41"/>
        <location line="+42"/>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Already in the pool</source>
        <translation>卡密库中已有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given twice in this file</source>
        <translation>本文件中重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neither UTF-8 nor GB18030 text</source>
        <translation>既不是 UTF-8 也不是 GB18030 文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longer than 512 characters</source>
        <translation>超过 512 个字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contains control characters</source>
        <translation>包含控制字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The card number is missing before the comma</source>
        <translation>逗号前缺少卡号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password is missing after the comma (card_no,password)</source>
        <translation>逗号后缺少密码（卡号,密码）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More than one comma</source>
        <translation>逗号多于一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty line</source>
        <translation>空行</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stock setting</source>
        <translation>库存设置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Shown stock</source>
        <translation>显示库存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The smaller of the stock setting and the available keys</source>
        <translation>库存设置与可用卡密数中的较小者</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Card key</source>
        <translation>卡密</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires</source>
        <translation>过期时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sold at</source>
        <translation>售出时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void reason</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key ID</source>
        <translation>卡密 ID</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <location filename="../../pos/models/cart_model.py" line="+24"/>
        <source>price changed</source>
        <translation>已改价</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>scale label</source>
        <translation>称重标签</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>CashMoveDialog</name>
    <message>
        <location filename="../../pos/dialogs/cash_move.py" line="+19"/>
        <source>Cash in</source>
        <translation>现金存入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cash out</source>
        <translation>现金取出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add change</source>
        <translation>补充零钱</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bank deposit</source>
        <translation>存入银行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Petty cash purchase</source>
        <translation>零用采购</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../../backoffice/catalog_models.py" line="+33"/>
        <source>Goods</source>
        <translation>实物商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card key</source>
        <translation>卡密</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On shelf</source>
        <translation>已上架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off shelf</source>
        <translation>已下架</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+166"/>
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <location line="-165"/>
        <source>Not sold</source>
        <translation>停售</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{barcode} (+{more})</source>
        <translation>{barcode}（+{more}）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>On {time}</source>
        <translation>上架 {time}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Off {time}</source>
        <translation>下架 {time}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Specs (SKUs)</source>
        <translation>规格（SKU 数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+88"/>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scheduled</source>
        <translation>定时上下架</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Head-office price</source>
        <translation>总部价</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Store price</source>
        <translation>门店价</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sells at</source>
        <translation>实际售价</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Give {what}</source>
        <translation>请填写{what}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{what} is too long (at most {limit} characters)</source>
        <translation>{what}过长（最多 {limit} 个字符）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{what} contains line breaks or other control characters</source>
        <translation>{what}包含换行符或其他控制字符</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{what} is one word, without spaces</source>
        <translation>{what}不能包含空格</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{what} is not valid</source>
        <translation>{what}无效</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Spec 1</source>
        <translation>规格 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spec 2</source>
        <translation>规格 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Member price</source>
        <translation>会员价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost</source>
        <translation>成本价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barcodes</source>
        <translation>条码</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The category name</source>
        <translation>分类名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A category named {name} exists already there</source>
        <translation>同级已有名为“{name}”的分类</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Categories have at most three levels: {parent} is on the third</source>
        <translation>分类最多三级：“{parent}”已是第三级</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This category no longer exists</source>
        <translation>该分类已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Category {name} is not empty ({products} products, {children} sub-categories): move them first</source>
        <translation>分类“{name}”不为空（{products} 个商品，{children} 个子分类）：请先将其移走</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move a category one place up or down</source>
        <translation>分类每次只能上移或下移一位</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The product code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product code {code} is used already</source>
        <translation>商品编码 {code} 已被使用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The product name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the kind: goods, service or card key</source>
        <translation>请选择类型：实物商品、服务或卡密</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose on shelf or off shelf</source>
        <translation>请选择上架或下架</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The list cannot be sorted by this column</source>
        <translation>列表不能按此列排序</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serial tracking is yes or no</source>
        <translation>序列号管理只能选择是或否</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only goods can be serial-tracked</source>
        <translation>只有实物商品可以按序列号管理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A weighed SKU belongs to goods: the kind cannot change</source>
        <translation>含称重 SKU 的商品必须是实物商品：不能修改类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This product no longer exists</source>
        <translation>该商品已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Product {code} was changed by someone else meanwhile: close and open it again</source>
        <translation>商品 {code} 已被他人修改：请关闭后重新打开</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The catalog changed meanwhile (a code or barcode was just taken): look again</source>
        <translation>商品资料已被他人修改（编码或条码刚被占用）：请刷新后重试</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not a product</source>
        <translation>这不是有效的商品</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A spec name</source>
        <translation>规格名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A product has at most two spec dimensions</source>
        <translation>商品最多有两个规格维度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name the first spec dimension before the second</source>
        <translation>请先填写第一个规格名称，再填写第二个</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The spec {name} is named twice</source>
        <translation>规格“{name}”重复</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A spec value</source>
        <translation>规格值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give its {spec}</source>
        <translation>请填写{spec}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A spec value without a spec name: name the dimension first</source>
        <translation>有规格值但没有规格名称：请先填写规格名称</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The combination {specs} is also row {row}</source>
        <translation>规格组合 {specs} 与第 {row} 行重复</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A product has at least one SKU</source>
        <translation>商品至少要有一个 SKU</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At most 200 SKUs per product</source>
        <translation>每个商品最多 200 个 SKU</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a SKU</source>
        <translation>这不是有效的 SKU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This SKU no longer exists</source>
        <translation>该 SKU 已不存在</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SKU code {code} is also row {row}</source>
        <translation>SKU 编码 {code} 与第 {row} 行重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SKU code {code} is used by product {owner}</source>
        <translation>SKU 编码 {code} 已被商品 {owner} 使用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SKU code {code} is another SKU&apos;s of this product: save in two steps</source>
        <translation>SKU 编码 {code} 已被本商品的另一个 SKU 使用：请分两次保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SKU {code} cannot be removed (sales and stock refer to it): take it off sale instead</source>
        <translation>SKU {code} 不能删除（已有销售和库存记录）：请改为停售</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A SKU is on sale or not</source>
        <translation>SKU 状态只能是在售或停售</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter an amount in yuan, e.g. 12.50</source>
        <translation>请输入以元为单位的金额，如 12.50</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the price</source>
        <translation>请填写售价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A price must not be negative</source>
        <translation>价格不能为负</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That amount is implausibly large (at most {limit})</source>
        <translation>金额过大（最多 {limit}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The member price is above the price</source>
        <translation>会员价高于售价</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Barcode {code} is too long (at most 40)</source>
        <translation>条码 {code} 过长（最多 40 个字符）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Barcode {code}: letters, digits and - . / only</source>
        <translation>条码 {code}：只能包含字母、数字和 - . /</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Barcode {code}: an all-digit barcode has 8, 12, 13 or 14 digits</source>
        <translation>条码 {code}：纯数字条码应为 8、12、13 或 14 位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Barcode {code}: the check digit is wrong (it should end in {digit})</source>
        <translation>条码 {code}：校验位错误（末位应为 {digit}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Barcode {code} starts with {prefix}, the scale-label prefix: the counter would read it as a weighed-goods label</source>
        <translation>条码 {code} 以称重标签前缀 {prefix} 开头：收银台会将其识别为称重商品标签</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Barcode {code} is also on row {row}</source>
        <translation>条码 {code} 与第 {row} 行重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Barcode {code} is on SKU {owner} already</source>
        <translation>条码 {code} 已用于 SKU {owner}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At most 20 barcodes per SKU</source>
        <translation>每个 SKU 最多 20 个条码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A scheduled time needs a date and a time</source>
        <translation>定时上下架需填写日期和时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A scheduled time must be in the future</source>
        <translation>定时上下架时间必须晚于当前时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The off-shelf time must be after the on-shelf time</source>
        <translation>下架时间必须晚于上架时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This store no longer exists</source>
        <translation>该门店已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You may not set the prices of store {store}</source>
        <translation>您无权设置门店 {store} 的价格</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The search text is too long (at most 64 characters)</source>
        <translation>搜索内容过长（最多 64 个字符）</translation>
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message>
        <location filename="../../backoffice/catalog_screen.py" line="+255"/>
        <source>Export products</source>
        <translation>导出商品</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Categories</source>
        <translation>商品分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a top-level category</source>
        <translation>添加一级分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add below</source>
        <translation>添加子分类</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a category below the chosen one (at most {levels} levels)</source>
        <translation>在所选分类下添加子分类（最多 {levels} 级）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only a category without products or sub-categories</source>
        <translation>只能删除没有商品和子分类的分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code, name, pinyin or barcode</source>
        <translation>编码、名称、拼音或条码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New product</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put on shelf</source>
        <translation>上架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take off shelf</source>
        <translation>下架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store prices…</source>
        <translation>门店价格…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import products…</source>
        <translation>导入商品…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download template…</source>
        <translation>下载模板…</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name}: {products} products, {children} sub-categories</source>
        <translation>{name}：{products} 个商品，{children} 个子分类</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Level {level} of {levels}: {products} products, {children} below</source>
        <translation>第 {level} 级（共 {levels} 级）：{products} 个商品，{children} 个子分类</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose a category to see its products (those below it too)</source>
        <translation>选择分类查看其商品（含下级分类）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name of the new category below {parent}</source>
        <translation>“{parent}”下的新分类名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name of the new top-level category</source>
        <translation>新一级分类的名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add category</source>
        <translation>添加分类</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Category “{name}” added</source>
        <translation>分类“{name}”已添加</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rename category</source>
        <translation>重命名分类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name</source>
        <translation>新名称</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Category “{name}” renamed</source>
        <translation>分类已重命名为“{name}”</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Delete category “{name}”?</source>
        <translation>删除分类“{name}”？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete category</source>
        <translation>删除分类</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Category “{name}” deleted</source>
        <translation>分类“{name}”已删除</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count} products · grey: off shelf · amber: scheduled</source>
        <translation>共 {count} 个商品 · 灰色：已下架 · 橙色：定时上下架</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Product {code} “{name}” saved</source>
        <translation>商品 {code}“{name}”已保存</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{code} is on shelf</source>
        <translation>{code} 已上架</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{code} is off shelf</source>
        <translation>{code} 已下架</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Template saved to {path}</source>
        <translation>模板已保存到 {path}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Product code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spec 1</source>
        <translation>规格 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spec 2</source>
        <translation>规格 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SKUs</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lowest price (yuan)</source>
        <translation>最低价（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highest price (yuan)</source>
        <translation>最高价（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barcodes</source>
        <translation>条码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled on-shelf</source>
        <translation>定时上架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled off-shelf</source>
        <translation>定时下架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>ChannelMessages</name>
    <message>
        <location filename="../../backoffice/channel_screen.py" line="-555"/>
        <source>The name is too long (at most {limit} characters)</source>
        <translation>名称过长（最多 {limit} 个字）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the shop a name</source>
        <translation>请填写店铺名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A shop named {name} exists already</source>
        <translation>已有名为“{name}”的店铺</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the channel type</source>
        <translation>请选择渠道类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The user id is at most 64 characters, without control characters</source>
        <translation>用户 ID 最多 64 个字符，且不能包含控制字符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The balance is an amount from 0</source>
        <translation>余额须为不小于 0 的金额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the host name only (e.g. dh.example.com), without https:// or a path</source>
        <translation>只填写域名（如 dh.example.com），不要带 https:// 或路径</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{value} is not a host name (e.g. dh.example.com)</source>
        <translation>“{value}”不是有效的域名（如 dh.example.com）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The domain is too long (at most 120 characters)</source>
        <translation>域名过长（最多 120 个字符）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The account is at most 64 characters, without control characters</source>
        <translation>对接账号最多 64 个字符，且不能包含控制字符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sort order is a whole number from 0</source>
        <translation>排序须为不小于 0 的整数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This shop no longer exists</source>
        <translation>该店铺已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shop {shop} has {count} unsettled orders: {orders}</source>
        <translation>店铺“{shop}”还有 {count} 笔未结算订单：{orders}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This order no longer exists</source>
        <translation>该订单已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the orders first (at most 500 at a time)</source>
        <translation>请先选择订单（每次最多 500 笔）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} was refunded already</source>
        <translation>订单 {order} 已退款</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} has no card key yet: deliver it instead</source>
        <translation>订单 {order} 尚未发放卡密：请先发货</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} is frozen</source>
        <translation>订单 {order} 已冻结</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} was rejected</source>
        <translation>订单 {order} 已拒绝</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>The order was changed meanwhile: look again</source>
        <translation>订单已被他人修改，请刷新后重试</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sold out: {available} card keys left, {wanted} needed</source>
        <translation>卡密不足：剩余 {available} 张，需要 {wanted} 张</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} has no card key (not delivered, or refunded)</source>
        <translation>订单 {order} 没有卡密（未发货或已退款）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order {order} has no redemption link (not delivered, or its shop has no redemption domain)</source>
        <translation>订单 {order} 没有兑换链接（未发货，或店铺未设置兑换域名）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only test orders can be deleted; these are real orders: {orders}</source>
        <translation>只能删除测试订单，以下是正式订单：{orders}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give a reason (at most 200 characters)</source>
        <translation>请填写原因（最多 200 个字）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The search text is too long</source>
        <translation>搜索内容过长</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The date range ends before it starts</source>
        <translation>结束日期早于开始日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is neither UTF-8 nor GB18030 text: save it as CSV UTF-8</source>
        <translation>文件既不是 UTF-8 也不是 GB18030 编码：请另存为 CSV UTF-8</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a CSV text file</source>
        <translation>这不是 CSV 文本文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is larger than 20 MB: split it</source>
        <translation>文件超过 20 MB：请拆分后导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file has more than 50,000 orders: split it</source>
        <translation>文件超过 50,000 笔订单：请拆分后导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The CSV file is malformed</source>
        <translation>CSV 文件格式错误</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file could not be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The header row lacks the columns: {columns}</source>
        <translation>表头缺少以下列：{columns}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A column is given twice in the header row</source>
        <translation>表头中有重复的列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter an amount in yuan, e.g. 5000 or 4999.50</source>
        <translation>请输入以元为单位的金额，如 5000 或 4999.50</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That amount is too large</source>
        <translation>金额过大</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The balance must not be negative</source>
        <translation>余额不能为负数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>not paid</source>
        <translation>未支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a card-key product</source>
        <translation>不是卡密商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sold out</source>
        <translation>卡密不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no longer exists</source>
        <translation>已不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the pool was busy: try again</source>
        <translation>卡密库繁忙，请重试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed meanwhile: try again</source>
        <translation>已被他人修改，请重试</translation>
    </message>
</context>
<context>
    <name>ChannelOrderScreen</name>
    <message>
        <location line="+496"/>
        <source>E-commerce orders</source>
        <translation>电商订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All orders</source>
        <translation>所有订单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Platform orders</source>
        <translation>平台订单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel orders</source>
        <translation>渠道订单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User ID</source>
        <translation>用户 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All shops</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any redemption</source>
        <translation>全部兑换状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any verification</source>
        <translation>全部核销状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any after-sale</source>
        <translation>全部售后状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any mark</source>
        <translation>全部标记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test orders</source>
        <translation>测试订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redeemed</source>
        <translation>兑换时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deliver card keys</source>
        <translation>电商发货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After sale…</source>
        <translation>售后处理…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy card key</source>
        <translation>复制卡密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy link</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freeze…</source>
        <translation>冻结…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unfreeze</source>
        <translation>解冻</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject…</source>
        <translation>拒绝…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open an after-sale request…</source>
        <translation>登记售后申请…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+353"/>
        <source>Delete test orders</source>
        <translation>批量删除测试订单</translation>
    </message>
    <message>
        <location line="-351"/>
        <source>Needs the permission to reveal card keys</source>
        <translation>需要“查看卡密”权限</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count} orders</source>
        <translation>共 {count} 笔订单</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{count} paid orders have waited over 24 hours for their card key: {orders}</source>
        <translation>{count} 笔已支付订单超过 24 小时未发放卡密：{orders}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{count} delivered orders have not been verified for over 24 hours: {orders}</source>
        <translation>{count} 笔已发货订单超过 24 小时未核销：{orders}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Shop {shop}: balance changed sharply ({before} → {now})</source>
        <translation>店铺“{shop}”余额变动异常（{before} → {now}）</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Delivering…</source>
        <translation>正在发货…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delivered {count} orders</source>
        <translation>已发货 {count} 笔订单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} delivered before (skipped, nothing issued again)</source>
        <translation>{count} 笔此前已发货（已跳过，未重复发放）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{order}: {reason}</source>
        <translation>{order}：{reason}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Order {order} refunded: {count} card keys voided</source>
        <translation>订单 {order} 已退款：作废 {count} 张卡密</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order {order}: {count} card keys voided and reissued</source>
        <translation>订单 {order}：作废并补发 {count} 张卡密</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Freeze orders</source>
        <translation>冻结订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject orders</source>
        <translation>拒绝订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After-sale request</source>
        <translation>售后申请</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason for {count} orders:</source>
        <translation>{count} 笔订单的原因：</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{changed} of {chosen} orders changed</source>
        <translation>{chosen} 笔订单中已更新 {changed} 笔</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Copied {count} card keys of order {order} (recorded in the audit log)</source>
        <translation>已复制订单 {order} 的 {count} 张卡密（已记入审计日志）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Copied the redemption link of order {order}</source>
        <translation>已复制订单 {order} 的兑换链接</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Only test orders can be deleted; these are real orders: {orders}</source>
        <translation>只能删除测试订单，以下是正式订单：{orders}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete {count} test orders? Their card keys are voided.</source>
        <translation>删除 {count} 笔测试订单？其卡密将作废。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Deleted {count} test orders</source>
        <translation>已删除 {count} 笔测试订单</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="vanished">CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{read} orders read: {imported} imported, {known} already known (skipped), {rejected} rejected</source>
        <translation>读取 {read} 笔订单：导入 {imported} 笔，已存在 {known} 笔（已跳过），拒绝 {rejected} 笔</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Import report</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
</context>
<context>
    <name>ChannelShopScreen</name>
    <message>
        <location line="-761"/>
        <source>E-commerce channels</source>
        <translation>电商渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shop name, domain or user ID</source>
        <translation>店铺名称 / 域名 / 用户 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any channel</source>
        <translation>全部渠道类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add shop</source>
        <translation>添加店铺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+94"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{count} shops</source>
        <translation>共 {count} 家店铺</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Total balance of {shops} shops: {amount}</source>
        <translation>{shops} 家店铺总余额：{amount}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{shop}: balance {before} → {now} since the last sync</source>
        <translation>{shop}：余额自上次同步 {before} → {now}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sharp balance change — check the shop&apos;s orders and settlements: {shops}</source>
        <translation>余额异常波动——请核对该店铺的订单与结算记录：{shops}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Shop “{name}” saved</source>
        <translation>店铺“{name}”已保存</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Shop “{name}” enabled</source>
        <translation>店铺“{name}”已启用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shop “{name}” disabled</source>
        <translation>店铺“{name}”已停用</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{details}

Disable the shop anyway? Its unsettled orders stay as they are.</source>
        <translation>{details}

仍要停用该店铺吗？未结算订单保持不变。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disable shop</source>
        <translation>停用店铺</translation>
    </message>
</context>
<context>
    <name>Channels</name>
    <message>
        <location filename="../../backoffice/channel_models.py" line="+36"/>
        <source>Taobao</source>
        <translation>淘宝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pinduoduo</source>
        <translation>拼多多</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JD</source>
        <translation>京东</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disabled</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Awaiting redemption</source>
        <translation>待兑换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redeemed</source>
        <translation>已兑换</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Awaiting verification</source>
        <translation>待核销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verified</source>
        <translation>已核销</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After-sale pending</source>
        <translation>待售后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reissued</source>
        <translation>已补发</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Frozen</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unpaid</source>
        <translation>未支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Sort</source>
        <translation>排序</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+77"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Channel type</source>
        <translation>渠道类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+77"/>
        <source>User ID</source>
        <translation>用户 ID</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Before the last change: {amount}</source>
        <translation>上次变动前：{amount}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Redemption domain</source>
        <translation>兑换域名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Account</source>
        <translation>对接账号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unsettled</source>
        <translation>未结算</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redeemed at</source>
        <translation>兑换时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redemption</source>
        <translation>兑换状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Verification</source>
        <translation>核销状态</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verified at {store}, {time}</source>
        <translation>{time} 于 {store} 核销</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>After sale</source>
        <translation>售后状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Marks</source>
        <translation>标记</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Card key</source>
        <translation>卡密</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redeem code</source>
        <translation>核销码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Redemption link</source>
        <translation>兑换链接</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+54"/>
        <source>Reason</source>
        <translation>退款 / 拒绝理由</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Listed twice in the file: skipped</source>
        <translation>文件中重复：已跳过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Already imported: skipped</source>
        <translation>订单已存在：已跳过</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too long</source>
        <translation>过长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contains control characters</source>
        <translation>包含控制字符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not yes or no (是/否, 1/0)</source>
        <translation>不是“是/否”（或 1/0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a plausible time (e.g. 2026-11-21 14:30:00)</source>
        <translation>不是有效的时间（如 2026-11-21 14:30:00）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a whole number from 1 to 100</source>
        <translation>不是 1 到 100 之间的整数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not an amount in yuan (e.g. 25.00)</source>
        <translation>不是以元为单位的金额（如 25.00）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Origin is platform or channel (平台/渠道)</source>
        <translation>来源须为“平台”或“渠道”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No channel shop by this name</source>
        <translation>没有该名称的电商店铺</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This shop is disabled</source>
        <translation>该店铺已停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No SKU with this code</source>
        <translation>没有该编码的 SKU</translation>
    </message>
</context>
<context>
    <name>CloseShiftScreen</name>
    <message>
        <location filename="../../pos/screens/close_shift_screen.py" line="+39"/>
        <source>Shift of {name}, opened {opened}, opening float {float}</source>
        <translation>{name} 的班次，开班时间 {opened}，备用金 {float}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Total counted: {total}</source>
        <translation>清点合计：{total}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Closing the shift…</source>
        <translation>正在交班……</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>CloseShiftView</name>
    <message>
        <location filename="../../pos/views/close_shift_view.py" line="+26"/>
        <source>{n} yuan</source>
        <translation>{n} 元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} jiao</source>
        <translation>{n} 角</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>Close shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+44"/>
        <source>Counted cash</source>
        <translation>实点现金</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Cash in the drawer, in yuan</source>
        <translation>钱箱中的现金（元）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>F2  Count by denomination</source>
        <translation>F2  按面额清点</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Variance</source>
        <translation>差异</translation>
    </message>
</context>
<context>
    <name>CodeCardView</name>
    <message>
        <location filename="../../pos/verifier/views.py" line="-90"/>
        <source>No code scanned yet</source>
        <extracomment>the rows, in order: key → caption</extracomment>
        <translation>尚未扫码</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rule</source>
        <translation>优惠规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stores</source>
        <translation>适用门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>核销码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Funded by</source>
        <translation>出资方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CorrectDialog</name>
    <message>
        <location filename="../../backoffice/stocktake_screen.py" line="-137"/>
        <source>Correct a count</source>
        <translation>更正盘点数量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not counted yet · book {book}</source>
        <translation>尚未盘点 · 账面 {book}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counted so far {counted} · book {book}</source>
        <translation>已盘 {counted} · 账面 {book}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The right count</source>
        <translation>正确数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 12</source>
        <translation>例如 12</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set count</source>
        <translation>更正数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <location filename="../../pos/counter.py" line="+122"/>
        <source>{store} ({code}) · Terminal {number}</source>
        <translation>{store}（{code}）· 终端 {number}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cashier: {name}</source>
        <translation>收银员：{name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No open shift</source>
        <translation>未开班</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shift since {opened} (float {float})</source>
        <translation>开班 {opened}（备用金 {float}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Printing…</source>
        <translation>正在打印……</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Printing failed: {n} in queue</source>
        <translation>打印失败：队列中 {n} 张</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print queue: {n} waiting</source>
        <translation>打印队列：{n} 张待打印</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Printer ready</source>
        <translation>打印机就绪</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected to the central database.</source>
        <translation>已连接总部数据库。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The central database cannot be reached. Sales are kept on this terminal and sent when it is back.</source>
        <translation>无法连接总部数据库。销售记录保存在本机，恢复连接后自动上传。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not synced with the central database yet.</source>
        <translation>尚未与总部数据库同步。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Synced {time}</source>
        <translation>同步 {time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} to upload</source>
        <translation>待上传 {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last sync: {time}</source>
        <translation>上次同步：{time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last attempt: {time}</source>
        <translation>上次尝试：{time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} messages waiting to upload</source>
        <translation>{n} 条消息等待上传</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last error: {error}</source>
        <translation>上次错误：{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click, or F11 then &quot;Sync now&quot;, to sync at once.</source>
        <translation>点击此处，或按 F11 选择“立即同步”，马上同步。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Clock off by {minutes} min</source>
        <translation>本机时间偏差 {minutes} 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This terminal&apos;s clock is {minutes} minutes behind the central server.</source>
        <translation>本机时间比总部服务器慢 {minutes} 分钟。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This terminal&apos;s clock is {minutes} minutes ahead of the central server.</source>
        <translation>本机时间比总部服务器快 {minutes} 分钟。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set the time; selling goes on.</source>
        <translation>请校准时间；收银不受影响。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} refused</source>
        <translation>{n} 条被拒收</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} messages were refused by the central database: call head office.</source>
        <translation>{n} 条消息被总部数据库拒收：请联系总部。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Sync failed: {error}</source>
        <translation>同步失败：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Synced: {sent} sent, {received} received</source>
        <translation>同步完成：上传 {sent} 条，下载 {received} 条</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saving…</source>
        <translation>正在保存……</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Amount due</source>
        <translation>应收</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} items, discount {discount}</source>
        <translation>共 {n} 行，优惠 {discount}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paid {paid} · Receipt {number}</source>
        <translation>实收 {paid} · 小票 {number}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Thank you! Scan for your receipt number</source>
        <translation>谢谢惠顾！扫码获取小票号</translation>
    </message>
</context>
<context>
    <name>CounterDialog</name>
    <message>
        <location filename="../../pos/dialogs/base.py" line="+44"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>CounterWindow</name>
    <message>
        <location filename="../../pos/views/counter_window.py" line="+36"/>
        <source>StoreDesk counter</source>
        <translation>StoreDesk 收银台</translation>
    </message>
    <message>
        <location filename="../../pos/app.py" line="+120"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>CouponEditor</name>
    <message>
        <location filename="../../backoffice/coupon_screen.py" line="+267"/>
        <source>Edit coupon</source>
        <translation>编辑卡券</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New coupon</source>
        <translation>新建卡券</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SKU given</source>
        <translation>兑换商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spend at least (yuan)</source>
        <translation>使用门槛（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take off (yuan)</source>
        <translation>减免金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount (折)</source>
        <translation>折扣（折）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most off (yuan)</source>
        <translation>最多减（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid at</source>
        <translation>适用门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stacking</source>
        <translation>叠加使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per customer a day</source>
        <translation>每人每日限用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per customer a week</source>
        <translation>每人每周限用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per customer a month</source>
        <translation>每人每月限用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per customer half a year</source>
        <translation>每人每半年限用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per customer a year</source>
        <translation>每人每年限用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per device a day</source>
        <translation>每台设备每日限用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All stores a day</source>
        <translation>全部门店每日限用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Funded by</source>
        <translation>出资方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cover image</source>
        <translation>封面图片</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SKU code, e.g. P000010</source>
        <translation>SKU 编码，例如 P000010</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 50</source>
        <translation>例如 50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 10</source>
        <translation>例如 10</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty: no cap</source>
        <translation>留空表示不封顶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> 折</source>
        <translation> 折</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Listed stores</source>
        <translation>指定门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Combines with other coupons and discounts</source>
        <translation>可与其他卡券和折扣叠加使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shown to staff, not to customers</source>
        <translation>仅员工可见，不向顾客展示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image file or web address (optional)</source>
        <translation>图片文件或网址（选填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CouponMessages</name>
    <message>
        <location line="-232"/>
        <source>The name is too long (at most {limit} characters)</source>
        <translation>名称过长（最多 {limit} 个字）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the coupon a name</source>
        <translation>请填写卡券名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the coupon type</source>
        <translation>请选择卡券类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{issued} codes of this coupon are issued: its type cannot change</source>
        <translation>该卡券已发放 {issued} 个券码，不能修改类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No SKU with code {code}</source>
        <translation>SKU 编码 {code} 不存在</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the code of the SKU the coupon gives</source>
        <translation>请输入兑换商品的 SKU 编码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The amount off must be above zero</source>
        <translation>减免金额必须大于 0</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The threshold must be at least the amount off</source>
        <translation>使用门槛不能低于减免金额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The discount is between 0.01 and 9.99 (折)</source>
        <translation>折扣须在 0.01 至 9.99 折之间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The cap must be above zero (or left empty)</source>
        <translation>最多减金额必须大于 0（或留空表示不封顶）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The stock cannot go below the {issued} codes already issued</source>
        <translation>库存不能少于已发放的 {issued} 个券码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The stock is unlimited or a whole number from 0</source>
        <translation>库存须为不限或 0 及以上的整数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tick at least one store the coupon is valid at</source>
        <translation>请至少勾选一个适用门店</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No store {store}</source>
        <translation>门店 {store} 不存在</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The validity ends before it starts</source>
        <translation>有效期的结束时间早于开始时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The validity is already over: check the end date</source>
        <translation>有效期已结束：请检查结束日期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a time between 2000 and 2100</source>
        <translation>请选择 2000 年至 2100 年之间的时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A limit is unlimited or a whole number from 0</source>
        <translation>限用次数须为不限或 0 及以上的整数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose who funds the coupon</source>
        <translation>请选择出资方</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a status</source>
        <translation>请选择状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The note is too long (at most {limit} characters)</source>
        <translation>备注过长（最多 {limit} 个字）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The image path is too long (at most {limit} characters)</source>
        <translation>图片地址过长（最多 {limit} 个字符）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This coupon no longer exists</source>
        <translation>该卡券已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This coupon is disabled: enable it before issuing codes</source>
        <translation>该卡券已停用：请先启用再发券</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This coupon has expired: no more codes can be issued</source>
        <translation>该卡券已过期，不能再发券</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only {left} codes are left in stock</source>
        <translation>库存仅剩 {left} 个券码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One code per phone: the count must equal the {phones} phones listed</source>
        <translation>每个手机号发一个券码：发放数量须与所列的 {phones} 个手机号一致</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Issue 1 to {high} codes at a time</source>
        <translation>每次可发放 1 至 {high} 个券码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>List one phone number per line</source>
        <translation>请每行填写一个手机号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line {line}: {value} is not a mobile number (11 digits starting with 1)</source>
        <translation>第 {line} 行：{value} 不是有效的手机号（以 1 开头的 11 位数字）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{value} is not a mobile number (11 digits starting with 1)</source>
        <translation>{value} 不是有效的手机号（以 1 开头的 11 位数字）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line {line}: {value} is already on line {first}</source>
        <translation>第 {line} 行：{value} 与第 {first} 行重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The batch number is too long (at most 40 characters)</source>
        <translation>批次号过长（最多 40 个字符）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The time range ends before it starts</source>
        <translation>结束时间早于开始时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You may not read the records of store {store}</source>
        <translation>您无权查看门店 {store} 的记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The search text is too long</source>
        <translation>搜索内容过长</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter an amount in yuan, e.g. 50 or 49.90</source>
        <translation>请输入金额（元），例如 50 或 49.90</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That amount is too large</source>
        <translation>金额过大</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The amount must not be negative</source>
        <translation>金额不能为负数</translation>
    </message>
</context>
<context>
    <name>CouponScreen</name>
    <message>
        <location line="+388"/>
        <source>Coupons</source>
        <translation>卡券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part of the name</source>
        <translation>名称关键字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any type</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New coupon</source>
        <translation>新建卡券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue codes</source>
        <translation>发券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export codes CSV</source>
        <translation>导出券码 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export codes XLSX</source>
        <translation>导出券码 Excel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codes</source>
        <translation>券码</translation>
    </message>
    <message>
        <location line="+54"/>
        <location line="+20"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>{count} coupons</source>
        <translation>共 {count} 种卡券</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{name}: {total} codes, {unused} unused, {used} used · valid {start} – {end}</source>
        <translation>{name}：共 {total} 个券码，未使用 {unused}，已使用 {used} · 有效期 {start} – {end}</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Coupon “{name}” saved</source>
        <translation>卡券“{name}”已保存</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Issued {count} codes of “{name}” (batch {batch})</source>
        <translation>已发放 {count} 个“{name}”券码（批次 {batch}）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Code</source>
        <translation>券码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code without dashes</source>
        <translation>券码（不含短横线）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon</source>
        <translation>卡券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued at</source>
        <translation>发放时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used at</source>
        <translation>使用时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used at store</source>
        <translation>使用门店</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="vanished">CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="vanished">Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="vanished">正在导出…</translation>
    </message>
    <message>
        <source>Exported {count} codes to {path}</source>
        <translation type="vanished">已导出 {count} 个券码到 {path}</translation>
    </message>
    <message>
        <location line="-223"/>
        <source>Export codes</source>
        <extracomment>where an export goes (tests answer it themselves)</extracomment>
        <translation>导出券码</translation>
    </message>
</context>
<context>
    <name>CouponTableModel</name>
    <message>
        <location filename="../../pos/models/coupon_model.py" line="+29"/>
        <source>{amount} off from {threshold}</source>
        <translation>满{threshold}减{amount}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{percent}% off</source>
        <comment>{zhe}: the 折 figure, 8 for 20% off</comment>
        <translation>{zhe}折</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, at most {cap}</source>
        <translation>，最多减{cap}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>One {item} free</source>
        <translation>兑换 {item} 一件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One item free</source>
        <translation>兑换指定商品一件</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Coupon</source>
        <translation>卡券</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Code</source>
        <translation>券码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount off</source>
        <translation>优惠金额</translation>
    </message>
</context>
<context>
    <name>Coupons</name>
    <message>
        <location filename="../../backoffice/coupon_models.py" line="+36"/>
        <source>Exchange</source>
        <translation>兑换券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spend and save</source>
        <translation>满减券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount</source>
        <translation>折扣券</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+202"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="-185"/>
        <location line="+10"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+17"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unused</source>
        <translation>未使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+77"/>
        <source>Used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+154"/>
        <source>Coupon</source>
        <translation>卡券</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>Pickup code</source>
        <translation>提货码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Verified</source>
        <translation>已核销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reversed</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Released</source>
        <translation>已释放</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Free: {item}</source>
        <translation>兑换：{item}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{amount} off from {threshold}</source>
        <translation>满{threshold}减{amount}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{zhe}折 ({percent} % off)</source>
        <translation>{zhe}折（优惠 {percent}%）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>at most {cap}</source>
        <translation>最多减{cap}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule</source>
        <translation>优惠规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stores</source>
        <translation>适用门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid until</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued</source>
        <translation>已发放</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Funded by</source>
        <translation>出资方</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stacks</source>
        <translation>可叠加</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+80"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+36"/>
        <source>Code</source>
        <translation>券码</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued at</source>
        <translation>发放时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used at</source>
        <translation>使用时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Used at store</source>
        <translation>使用门店</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Verified at</source>
        <translation>核销时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon type</source>
        <translation>卡券类型</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Verifier</source>
        <translation>核销员</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Amount off</source>
        <translation>优惠金额</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Coupon ID</source>
        <translation>卡券 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verifier ID</source>
        <translation>核销员 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store ID</source>
        <translation>门店 ID</translation>
    </message>
</context>
<context>
    <name>CustomerDisplayView</name>
    <message>
        <location filename="../../pos/views/customer_display.py" line="+49"/>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Amount due</source>
        <translation>应收</translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <location filename="../../pos/dialogs/discount.py" line="+37"/>
        <source>F1  Percent off (%)</source>
        <translation>F1  按比例减（%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F2  Amount off (yuan)</source>
        <translation>F2  按金额减（元）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. 10</source>
        <translation>例如 10</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Promotion</source>
        <translation>促销活动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member discount</source>
        <translation>会员优惠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Near expiry</source>
        <translation>临期商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damaged packaging</source>
        <translation>包装破损</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manager&apos;s special</source>
        <translation>店长特批</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F1 / F2 switch between percent and amount. Enter applies.</source>
        <translation>F1 / F2 切换按比例或按金额，Enter 确认。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove discount</source>
        <translation>取消折扣</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Del removes the discount.</source>
        <translation>Del 取消折扣。</translation>
    </message>
</context>
<context>
    <name>ErrorMessages</name>
    <message>
        <location filename="../../shared/qt/errors.py" line="+64"/>
        <source>Serial number {value} is not in stock here: it is at {store}</source>
        <translation>序列号 {value} 不在本店库存：在 {store}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serial number {value} is not in stock here: it is in transit</source>
        <translation>序列号 {value} 不在本店库存：调拨在途</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serial number {value} has already been sold or taken out</source>
        <translation>序列号 {value} 已售出或已出库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serial number {value} is not in stock here (head office has no record)</source>
        <translation>序列号 {value} 不在本店库存（总部无此记录）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Wrong account or PIN ({left} attempts left)</source>
        <translation>账号或 PIN 错误（还可尝试 {left} 次）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wrong account or password</source>
        <translation>账号或密码错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong account or PIN</source>
        <translation>账号或 PIN 错误</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Account locked after repeated wrong PINs: try again in {minutes} min or ask a manager</source>
        <translation>PIN 多次输错，账号已锁定：请 {minutes} 分钟后再试，或联系店长</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Account locked after repeated wrong PINs: ask a manager</source>
        <translation>PIN 多次输错，账号已锁定：请联系店长</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>That is not a WeChat Pay payment code: ask the customer to refresh it and scan again</source>
        <translation>这不是有效的微信付款码：请顾客刷新后重新扫描</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That is not an Alipay payment code: ask the customer to refresh it and scan again</source>
        <translation>这不是有效的支付宝付款码：请顾客刷新后重新扫描</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>That is not a payment code: ask the customer to refresh it and scan again</source>
        <translation>这不是有效的付款码：请顾客刷新后重新扫描</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Payment declined: {reason}</source>
        <translation>支付被拒绝：{reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The payment result is unknown: check the customer&apos;s payment record, then try again (trade {trade})</source>
        <translation>支付结果未知：请核对顾客的付款记录后再试（交易号 {trade}）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Already redeemed at {store} by {verifier} at {time}</source>
        <translation>该券已于 {time} 在 {store} 核销（核销员：{verifier}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This code was already redeemed</source>
        <translation>该券码已核销</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paying with a member&apos;s balance or points needs a connection to head office</source>
        <translation>使用会员余额或积分支付需要连接总部</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verification needs a connection to head office</source>
        <translation>核销需要连接总部</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This coupon is not valid at this store ({store})</source>
        <extracomment>refusals the central database gives for a scanned code (``VerificationRefused``); where a code means something else elsewhere (``wrong_store``, ``unknown_code``) these win for such refusals</extracomment>
        <translation>该券不适用于本门店（{store}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown code {code}</source>
        <translation>券码不存在：{code}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Item not found: {value}</source>
        <translation>未找到商品：{value}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No weighed item with PLU {plu}</source>
        <translation>没有 PLU 为 {plu} 的称重商品</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That item is no longer in the catalog</source>
        <translation>该商品已不在商品库中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Barcode {value}: wrong check digit (misread?), please scan again</source>
        <translation>条码 {value} 校验位错误（可能误读），请重新扫描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is off shelf and cannot be sold</source>
        <translation>{name} 已下架，不能销售</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This product has several specs: scan the SKU&apos;s barcode or pick it with F2 search</source>
        <translation>该商品有多个规格：请扫描规格条码，或按 F2 查找选择</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was scanned</source>
        <translation>没有扫描到内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too long to be a barcode or code</source>
        <translation>内容太长，不是条码或编码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The code contains control characters: scan again</source>
        <translation>条码含有控制字符：请重新扫描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The scale label carries no price or weight</source>
        <translation>称重标签上没有价格或重量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A sale holds at most 500 lines</source>
        <translation>一张销售单最多 500 行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quantity must be above zero</source>
        <translation>数量必须大于零</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quantity is implausibly large (at most 9999 pieces or 99.999 kg)</source>
        <translation>数量过大，请检查（最多 9999 件或 99.999 千克）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This item is sold in whole pieces</source>
        <translation>该商品按整件销售，数量不能有小数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a quantity: {value}</source>
        <translation>不是有效的数量：{value}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}: sold out, no card key left to issue</source>
        <translation>{name}：已售罄，没有可发放的卡密</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: no connection to head office and this counter&apos;s lease has {available} left</source>
        <translation>{name}：无法连接总部，本收银台的卡密租借库存仅剩 {available} 张</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Card keys cannot be issued here: this counter has no card-key encryption key configured</source>
        <translation>本收银台未配置卡密加密密钥，无法发放卡密</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The card keys reserved for this sale ran out: take the payment again</source>
        <translation>为本单预留的卡密已超时，请重新收款</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} is serial-tracked: scan or type its serial number</source>
        <translation>{name} 需按序列号销售：请扫描或输入序列号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A serial-tracked line is one unit: scan the next unit&apos;s serial number instead</source>
        <translation>序列号商品每行一件：请扫描下一件的序列号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serial number {value} is already in this sale</source>
        <translation>序列号 {value} 已在本单中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan or type the serial number</source>
        <translation>请扫描或输入序列号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A serial number has at most 64 characters</source>
        <translation>序列号最多 64 个字符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That is not a serial number</source>
        <translation>这不是有效的序列号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The quantity of a priced scale label cannot be changed</source>
        <translation>称重标签商品的数量不能修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A priced scale label cannot be re-priced</source>
        <translation>称重标签商品不能改价</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Price must be zero or more</source>
        <translation>价格不能为负数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The discount is more than the line amount</source>
        <translation>折扣不能超过该行金额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The order discount is more than the sale amount</source>
        <translation>整单折扣不能超过销售金额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A discount cannot be more than 100 %</source>
        <translation>折扣不能超过 100%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A discount must be above zero</source>
        <translation>折扣必须大于零</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a percentage (at most two decimals)</source>
        <translation>不是有效的百分比（最多两位小数）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A percentage must be above 0 and at most 100</source>
        <translation>百分比须大于 0 且不超过 100</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not an amount in yuan (e.g. 12.50): {value}</source>
        <translation>不是有效的金额（例如 12.50）：{value}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter an amount</source>
        <translation>请输入金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount must not be negative</source>
        <translation>金额不能为负数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The amount is too large</source>
        <translation>金额过大</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The amount is out of range</source>
        <translation>金额超出范围</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sale total is implausibly large</source>
        <translation>销售金额过大</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That line is no longer in the sale</source>
        <translation>该行已不在本单中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A price change needs a manager&apos;s approval</source>
        <translation>改价需要店长授权</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The price of {name} changed: scan it again</source>
        <translation>{name} 的价格已变更：请重新扫描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The text is too long</source>
        <translation>文字太长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sale has no items</source>
        <translation>当前销售没有商品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment is short by {short}: tendered below the total</source>
        <translation>实收金额不足应收：还差 {short}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A non-cash payment cannot be more than what is still due</source>
        <translation>非现金付款不能超过待付金额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cash with change must be the last payment</source>
        <translation>需要找零的现金必须是最后一笔付款</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sale is already paid</source>
        <translation>本单已付清</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No payment given</source>
        <translation>尚未收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A payment must be above zero</source>
        <translation>付款金额必须大于零</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The payment amount is implausibly large</source>
        <translation>付款金额过大</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This payment was already used for another sale</source>
        <translation>这笔付款已用于其他销售单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This account is disabled</source>
        <translation>该账号已停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter your account</source>
        <translation>请输入账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PIN is 4 to 8 digits</source>
        <translation>PIN 为 4 到 8 位数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This person does not work at this store</source>
        <translation>此人不在本门店任职</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This needs a manager&apos;s approval</source>
        <translation>此操作需要店长授权</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That person cannot approve this</source>
        <translation>此人无权授权该操作</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are not allowed to do this</source>
        <translation>您无权执行此操作</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No shift is open on this terminal: open a shift first</source>
        <translation>本终端尚未开班：请先开班</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A shift is already open on this terminal</source>
        <translation>本终端已有未交班的班次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the shift&apos;s cashier or a manager may close it</source>
        <translation>只有该班次的收银员或店长可以交班</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the counted cash</source>
        <translation>请输入实点现金</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The counted cash does not match the denominations</source>
        <translation>实点现金与面额清点合计不符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is not that much cash in the drawer ({drawer})</source>
        <translation>钱箱中没有这么多现金（应有 {drawer}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give a reason</source>
        <translation>请填写原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A denomination count must be 0 to 100000</source>
        <translation>面额张数须在 0 到 100000 之间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No sale with receipt number {number} at this terminal</source>
        <translation>本终端没有小票号为 {number} 的销售单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a receipt number (like 261122-03-0042): {value}</source>
        <translation>不是有效的小票号（例如 261122-03-0042）：{value}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That is a refund slip, not a sale receipt</source>
        <translation>这是退货单，不是销售小票</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That receipt belongs to another store</source>
        <translation>该小票属于其他门店</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot refund more {name} than was sold: {left} left to refund</source>
        <translation>{name} 退货数量超过可退数量：还可退 {left}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} is a card key: card keys are never refundable</source>
        <translation>{name} 是卡密商品：卡密不可退货</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing left to refund on this receipt</source>
        <translation>这张小票已没有可退的商品</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose what to refund</source>
        <translation>请选择要退的商品</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The refund is more than the sale&apos;s payments</source>
        <translation>退款金额超过原单付款金额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too many parked sales on this terminal (at most 20)</source>
        <translation>本终端挂单太多（最多 20 单）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That parked sale was already resumed</source>
        <translation>该挂单已被取出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was printed for that number on this terminal</source>
        <translation>本终端没有这个单号的打印记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A file printer needs a path</source>
        <translation>文件打印机需要填写路径</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A network printer needs a host name or IP address (no port)</source>
        <translation>网络打印机需要填写主机名或 IP 地址（不含端口）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer port must be a number from 1 to 65535</source>
        <translation>打印机端口须为 1 到 65535 之间的数字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A USB printer needs its vendor and product id (e.g. 0x0416)</source>
        <translation>USB 打印机需要填写厂商 ID 和产品 ID（例如 0x0416）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A serial printer needs a device (e.g. /dev/ttyS0 or COM3)</source>
        <translation>串口打印机需要填写设备（例如 /dev/ttyS0 或 COM3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a baud rate</source>
        <translation>请选择波特率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copies must be 1 to 5</source>
        <translation>打印份数须为 1 到 5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paper width must be 58 or 80 mm</source>
        <translation>纸宽须为 58 或 80 毫米</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Header and footer are at most 500 characters</source>
        <translation>页眉和页脚最多 500 个字符</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scan or type a code</source>
        <translation>请扫描或输入券码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} is not a coupon code</source>
        <translation>{value} 不是券码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{value} is not a valid coupon code (mistyped?)</source>
        <translation>{value} 不是有效的券码（可能输错）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The QR code is incomplete: ask the customer to refresh it and scan again</source>
        <translation>二维码不完整：请顾客刷新后重新扫描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The QR code expired {seconds} s ago: ask the customer to refresh it</source>
        <translation>二维码已过期 {seconds} 秒：请顾客刷新</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The QR code is not valid: it was forged or altered</source>
        <translation>二维码无效：已被伪造或篡改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That is not a StoreDesk coupon QR code</source>
        <translation>这不是 StoreDesk 卡券二维码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This code was voided by head office</source>
        <translation>该券码已被总部作废</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This coupon expired (valid until {until})</source>
        <translation>该券已过期（有效期至 {until}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This coupon is not valid yet (valid from {since})</source>
        <translation>该券尚未生效（{since} 起可用）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon {name} is disabled by head office</source>
        <translation>卡券 {name} 已被总部停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This code belongs to another enterprise</source>
        <translation>该券码属于其他企业</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon {name} reached today&apos;s limit of {limit} redemptions</source>
        <translation>卡券 {name} 今日核销已达上限（{limit} 次）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon {name} reached this counter&apos;s daily limit of {limit}</source>
        <translation>卡券 {name} 在本收银台的每日核销已达上限（{limit} 次）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This customer reached the limit of {limit} for coupon {name}</source>
        <translation>该顾客使用卡券 {name} 已达上限（{limit} 次）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A pickup code is verified at the verifier station, not in a sale</source>
        <translation>提货码请到核销台核销，不能在收银时使用</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>This account cannot redeem codes</source>
        <translation>该账号不能核销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This account does not work at this store</source>
        <translation>该账号不在本门店任职</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon {name} needs a sale of at least {threshold} (this sale: {base})</source>
        <translation>卡券 {name} 需满 {threshold} 才能使用（本单：{base}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Coupon {name} is for one given item: add that item to the sale first</source>
        <translation>卡券 {name} 用于兑换指定商品：请先将该商品加入本单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon {name} cannot be combined with a discount</source>
        <translation>卡券 {name} 不能与折扣同时使用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon {name} cannot be combined with another coupon</source>
        <translation>卡券 {name} 不能与其他卡券同时使用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>That coupon is already in this sale</source>
        <translation>该券已在本单中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan the items first, then the coupon</source>
        <translation>请先扫描商品，再扫描卡券</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon {name} was not redeemed for this sale: scan it again</source>
        <translation>卡券 {name} 未能为本单核销：请重新扫描</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This sale is complete: refund it instead</source>
        <translation>本单已完成：请改为办理退货</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not a mobile number (11 digits starting with 1): {value}</source>
        <translation>不是有效的手机号（以 1 开头的 11 位数字）：{value}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No member with this phone number</source>
        <translation>该手机号不是会员</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This membership is disabled</source>
        <translation>该会员已停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Look the member up first</source>
        <translation>请先查找会员</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The member&apos;s balance is {balance}; {needed} is needed</source>
        <translation>会员余额为 {balance}，需要 {needed}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The member has {points} points; {needed} are needed</source>
        <translation>会员积分为 {points}，需要 {needed} 积分</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Points can pay at most {cap} of this sale</source>
        <translation>本单积分最多抵扣 {cap}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Points pay in steps of {step}</source>
        <translation>积分抵扣金额须为 {step} 的整数倍</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The balance or points payment was not taken for this sale: take it again</source>
        <translation>本单的余额或积分支付未扣款成功：请重新收款</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A top-up is at most {limit}</source>
        <translation>单次充值最多 {limit}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top-ups are taken in cash at the counter</source>
        <translation>充值须在收银台以现金收取</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
</context>
<context>
    <name>GenerateEditor</name>
    <message>
        <location filename="../../backoffice/card_key_screen.py" line="-534"/>
        <source>Generate card keys</source>
        <translation>生成卡密</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of keys</source>
        <translation>生成数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Characters per key</source>
        <translation>每个卡密的字符数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With an 8-digit password (card_no,password)</source>
        <translation>附带 8 位数字密码（卡号,密码）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../pos/dialogs/help.py" line="+14"/>
        <location line="+1"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../backoffice/import_dialog.py" line="+120"/>
        <source>Row</source>
        <extracomment>asks for a file to read: (file-type filter) -&gt; a path, or None to cancel how often the GUI reads the worker&apos;s progress (ms)</extracomment>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Import products</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fill in the template (one row per SKU) and import it. Rows with a problem are listed below and change nothing; the other rows go in together.</source>
        <translation>按模板填写（每个 SKU 一行）后导入。有问题的行列在下方，不做任何更改；其余的行一并导入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import opening stock</source>
        <translation>导入期初库存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fill in the template (warehouse, SKU, quantity) and import it. Rows with a problem are listed below and post nothing; the same file is never posted twice.</source>
        <translation>按模板填写（仓库、SKU、数量）后导入。有问题的行列在下方，不记账；同一文件不会重复入账。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Download template…</source>
        <translation>下载模板…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose file and import…</source>
        <translation>选择文件并导入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save error report…</source>
        <translation>保存错误报告…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Save</source>
        <extracomment>the report, after an import that was not cancelled (the stock list reads again)</extracomment>
        <translation>保存</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx);;CSV files (*.csv)</source>
        <translation type="vanished">Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Template saved to {path}</source>
        <translation>模板已保存到 {path}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Import cancelled: nothing was changed</source>
        <translation>导入已取消：没有做任何更改</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Imported {imported} rows: {created} new, {updated} updated, {unchanged} unchanged. Rejected {rejected} rows.</source>
        <translation>导入 {imported} 行：新增 {created}，更新 {updated}，未变 {unchanged}。拒绝 {rejected} 行。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Posted {posted} rows of opening stock. Rejected {rejected} rows.</source>
        <translation>期初库存入账 {posted} 行。拒绝 {rejected} 行。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Saved {count} rejected rows to {path}</source>
        <translation>已将 {count} 条被拒绝的行保存到 {path}</translation>
    </message>
</context>
<context>
    <name>IssueEditor</name>
    <message>
        <location filename="../../backoffice/coupon_screen.py" line="-88"/>
        <source>Issue codes</source>
        <translation>发券</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stock {stock}, issued {issued}</source>
        <translation>库存 {stock}，已发放 {issued}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Number of codes</source>
        <translation>发放数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch number</source>
        <translation>批次号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty: made from the date and time</source>
        <translation>留空则按日期时间自动生成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Or bind each code to a customer: one mobile number per line</source>
        <translation>或将券码绑定到顾客：每行一个手机号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Issue</source>
        <translation>发放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LimitsEditor</name>
    <message>
        <location filename="../../backoffice/stock_screen.py" line="+485"/>
        <source>Stock limits</source>
        <translation>库存上下限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{warehouse} · on hand {on_hand} · available {available}</source>
        <translation>{warehouse} · 在库 {on_hand} · 可用 {available}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lower limit</source>
        <translation>库存下限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upper limit</source>
        <translation>库存上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty: no upper limit</source>
        <translation>留空：不设上限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A SKU is low when its available stock is at or below the lower limit or the safety stock. The replenishment suggestion orders up to the upper limit (or twice the lower limit when there is none).</source>
        <translation>可用库存不高于下限或安全库存时即为库存不足。补货建议补到上限（未设上限时补到下限的两倍）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../../pos/screens/login_screen.py" line="+31"/>
        <source>Store {code} · Terminal {number}</source>
        <translation>门店 {code} · 终端 {number}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Enter your account</source>
        <translation>请输入账号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter your PIN</source>
        <translation>请输入 PIN</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signing in…</source>
        <translation>正在登录……</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <location filename="../../pos/views/login_view.py" line="+42"/>
        <source>Counter sign-in</source>
        <translation>收银台登录</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Staff on duty</source>
        <translation>当班人员</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Account, e.g. cashier01</source>
        <translation>账号，例如 cashier01</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pick your name or type your account, then your PIN and Enter.</source>
        <translation>选择您的姓名或输入账号，再输入 PIN 并按 Enter。</translation>
    </message>
</context>
<context>
    <name>LowStockScreen</name>
    <message>
        <location filename="../../backoffice/stock_screen.py" line="+443"/>
        <source>Low stock</source>
        <translation>库存预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+127"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purchase voucher from the suggestion…</source>
        <translation>按补货建议生成采购入库单…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A purchase voucher with the suggested quantities, to check and post</source>
        <translation>按建议数量生成采购入库单，核对后过账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>SKUs at or below their lower limit or safety stock: {count}. The suggested order (补货建议) fills up to the upper limit, or to twice the lower limit when there is none, in whole units.</source>
        <translation>低于或等于下限／安全库存的 SKU：{count} 个。补货建议补到上限，未设上限时补到下限的两倍，按整件计。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Replenishment (补货)</source>
        <translation>补货</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Voucher {no} posted</source>
        <translation>单据 {no} 已过账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Voucher {no} saved as a draft but not posted: {reason}</source>
        <translation>单据 {no} 已存为草稿，但未能过账：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Voucher {no} saved as a draft</source>
        <translation>单据 {no} 已存为草稿</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lower limit</source>
        <translation>库存下限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upper limit</source>
        <translation>库存上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggested order</source>
        <translation>建议补货</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="vanished">正在导出…</translation>
    </message>
    <message>
        <source>Exported {count} rows to {path}</source>
        <translation type="vanished">已导出 {count} 行到 {path}</translation>
    </message>
</context>
<context>
    <name>MemberLookupDialog</name>
    <message>
        <location filename="../../pos/dialogs/member.py" line="+27"/>
        <source>Find member</source>
        <extracomment>a phone number as typed: digits, spaces, dashes, +86 (the service checks it)</extracomment>
        <translation>查找会员</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>11-digit mobile number</source>
        <translation>11 位手机号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mobile number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Member prices apply to the sale; balance and points can pay part of it. Looking a member up needs a connection to head office.</source>
        <translation>本单享受会员价，余额和积分可抵扣部分金额。查找会员需要连接总部。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Type the customer&apos;s mobile number</source>
        <translation>请输入顾客手机号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Looking the member up…</source>
        <translation>正在查找会员……</translation>
    </message>
</context>
<context>
    <name>MemberStrip</name>
    <message>
        <location filename="../../pos/views/sale_view.py" line="+108"/>
        <location line="+7"/>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../pos/dialogs/simple.py" line="+33"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>OpenSheetDialog</name>
    <message>
        <location filename="../../backoffice/stocktake_screen.py" line="-103"/>
        <source>Open a count sheet</source>
        <extracomment>the sheet is read again this long after the last scan the lane the scans are delivered in (in the order they were scanned)</extracomment>
        <translation>新建盘点单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Count</source>
        <translation>盘点范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every SKU of the warehouse</source>
        <translation>仓库全部 SKU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One category (and those below it)</source>
        <translation>指定分类（含下级分类）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The shop may keep selling while it counts: each count is compared with the book at the time it was scanned.</source>
        <translation>盘点期间门店可以照常销售：每次计数与扫描时的账面数量比较。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open sheet</source>
        <translation>开始盘点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Org</name>
    <message>
        <location filename="../../backoffice/org_models.py" line="+44"/>
        <source>Open</source>
        <extracomment>the longest one-line detail a cell shows (the tooltip and the detail pane show it all)</extracomment>
        <translation>营业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>停业</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Daily</source>
        <translation>按日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekly</source>
        <translation>按周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly</source>
        <translation>按月</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Active</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verifier</source>
        <translation>核销员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales guide</source>
        <translation>导购</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Store added</source>
        <translation>新增门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store changed</source>
        <translation>修改门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store opened</source>
        <translation>门店恢复营业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store closed</source>
        <translation>门店停业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stores imported</source>
        <translation>导入门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminal registered</source>
        <translation>注册终端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminal retired</source>
        <translation>停用终端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account added</source>
        <translation>新增账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account changed</source>
        <translation>修改账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account enabled</source>
        <translation>启用账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account disabled</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account deleted</source>
        <translation>删除账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN reset</source>
        <translation>重置 PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account locked</source>
        <translation>账号锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manager approval</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift reviewed</source>
        <translation>班次审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync exception handled</source>
        <translation>同步异常已处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statement confirmed</source>
        <translation>结算单已确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statement paid</source>
        <translation>结算单已付款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product added</source>
        <translation>新增商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product changed</source>
        <translation>修改商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Products imported</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category added</source>
        <translation>新增分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category renamed</source>
        <translation>分类改名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category moved</source>
        <translation>分类移动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category deleted</source>
        <translation>删除分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store price set</source>
        <translation>设置门店价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store price cleared</source>
        <translation>取消门店价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening stock imported</source>
        <translation>导入期初库存</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · deleted</source>
        <translation> · 已删除</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Give the {what}</source>
        <translation>请填写{what}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The {what} is too long (at most {limit} characters)</source>
        <translation>{what}过长（最多 {limit} 个字符）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The {what} contains control characters</source>
        <translation>{what}包含控制字符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The {what} is not valid</source>
        <translation>{what}无效</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The store code is letters and digits only (e.g. S03)</source>
        <translation>门店编码只能包含字母和数字（如 S03）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>store code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A store with code {code} exists already</source>
        <translation>门店编码 {code} 已存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Store {code} has registered terminals: its code cannot change</source>
        <translation>门店 {code} 已注册收银终端：编码不能修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>introduction</source>
        <translation>简介</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A phone number is digits, spaces and + - ( ) only (e.g. 021-6288 0101)</source>
        <translation>电话号码只能包含数字、空格和 + - ( )（如 021-6288 0101）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose open or closed</source>
        <translation>请选择营业或停业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose daily, weekly or monthly settlement</source>
        <translation>请选择按日、按周或按月结算</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The fee rate is 0 to 100 %, with two decimals at most</source>
        <translation>服务费率应为 0 至 100%，最多两位小数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This store no longer exists</source>
        <translation>该门店已不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No such store</source>
        <translation>门店不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store {store} is closed: open it before adding a terminal</source>
        <translation>门店 {store} 已停业：请先恢复营业，再添加收银终端</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You may see only your own stores</source>
        <translation>您只能查看自己所属的门店</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The central database has no enterprise yet</source>
        <translation>总部数据库中还没有企业信息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A terminal number is 1 to 99</source>
        <translation>终端号应为 1 至 99</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Terminal number {number} is already used by store {store}: numbers are unique across the enterprise because they appear in receipt numbers</source>
        <translation>终端号 {number} 已被门店 {store} 使用：终端号会出现在小票号中，因此在全企业范围内不能重复</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>terminal name</source>
        <translation>终端名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This terminal no longer exists</source>
        <translation>该终端已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Terminal {number} is retired already</source>
        <translation>终端 {number} 已停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose active or retired</source>
        <translation>请选择使用中或已停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The account is letters, digits and . _ - @ only</source>
        <translation>账号只能包含字母、数字和 . _ - @</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The account {account} exists already (perhaps deleted): choose another</source>
        <translation>账号 {account} 已存在（可能已删除）：请换一个</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An account cannot be renamed: add a new one</source>
        <translation>账号不能修改：请新增一个账号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>position</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose one role at least</source>
        <translation>请至少选择一个角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the stores this person works at (only an administrator may have none)</source>
        <translation>请选择此人所属的门店（只有管理员可以不选）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One of the chosen stores no longer exists</source>
        <translation>所选门店中有门店已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enabled is yes or no</source>
        <translation>“启用”只能为是或否</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This account no longer exists</source>
        <translation>该账号已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The account {account} was deleted</source>
        <translation>账号 {account} 已被删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You cannot disable your own account</source>
        <translation>不能停用自己的账号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You cannot delete your own account</source>
        <translation>不能删除自己的账号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You cannot take the administrator role from yourself</source>
        <translation>不能取消自己的管理员角色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{account} is the last enabled administrator: make another administrator first</source>
        <translation>{account} 是最后一个已启用的管理员：请先将其他账号设为管理员</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your account was disabled or changed meanwhile: sign in again</source>
        <translation>您的账号已被停用或修改：请重新登录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A password is 8 to 128 characters</source>
        <translation>密码长度应为 8 至 128 个字符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A PIN is 4 to 8 digits</source>
        <translation>PIN 为 4 到 8 位数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The search text is too long</source>
        <translation>搜索内容过长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose yes, no or any</source>
        <translation>请选择是、否或全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not an action name (e.g. store.update)</source>
        <translation>不是有效的操作名称（如 store.update）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The list cannot be sorted by this column</source>
        <translation>列表不能按此列排序</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is neither UTF-8 nor GB18030 text: save it as CSV UTF-8</source>
        <translation>文件既不是 UTF-8 也不是 GB18030 编码：请另存为 CSV UTF-8</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a CSV text file</source>
        <translation>这不是 CSV 文本文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is larger than {size} MB: split it</source>
        <translation>文件超过 {size} MB：请拆分后导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file has more than {limit} stores: split it</source>
        <translation>文件超过 {limit} 家门店：请拆分后导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The CSV file is malformed (line {line})</source>
        <translation>CSV 文件格式错误（第 {line} 行）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file could not be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The header row lacks the columns: {columns}</source>
        <translation>表头缺少以下列：{columns}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The column {column} is given twice in the header row</source>
        <translation>表头中的 {column} 列重复</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Someone added one of these store codes meanwhile: import again</source>
        <translation>其中有门店编码刚被他人添加：请重新导入</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too long</source>
        <translation>过长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contains control characters</source>
        <translation>包含控制字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a store code (1 to 16 letters or digits)</source>
        <translation>不是有效的门店编码（1 至 16 位字母或数字）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a phone number</source>
        <translation>不是有效的电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status is open or closed (营业/停业)</source>
        <translation>状态应为 营业/停业（或 open/closed）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settlement period is day, week or month (日/周/月)</source>
        <translation>结算周期应为 日/周/月（或 day/week/month）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fee rate is a percent from 0 to 100, e.g. 0.6</source>
        <translation>服务费率为 0 至 100 的百分数，如 0.6</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A store with this code exists already: not changed</source>
        <translation>该编码的门店已存在：未做更改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This code is given twice in the file</source>
        <translation>该编码在文件中重复</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+70"/>
        <location line="+43"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+64"/>
        <location line="+46"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>Settlement</source>
        <translation>结算周期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fee rate</source>
        <translation>服务费率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Terminals</source>
        <translation>收银终端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Introduction</source>
        <translation>简介</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+112"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Registered</source>
        <translation>注册时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last push</source>
        <translation>最近上传</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Position</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stores</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Time</source>
        <extracomment>the service&apos;s sort key of each audit column (None: not sortable)</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Target</source>
        <translation>操作对象</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Detail</source>
        <translation>明细</translation>
    </message>
</context>
<context>
    <name>ParkedSalesDialog</name>
    <message>
        <location filename="../../pos/dialogs/parked.py" line="+20"/>
        <location line="+1"/>
        <source>Resume a parked sale</source>
        <translation>取单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>取单</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose a parked sale</source>
        <translation>请选择一张挂单</translation>
    </message>
</context>
<context>
    <name>ParkedSalesModel</name>
    <message>
        <location filename="../../pos/models/parked_model.py" line="+26"/>
        <source>Parked at</source>
        <translation>挂单时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Total</source>
        <translation>应收</translation>
    </message>
</context>
<context>
    <name>PaymentMethods</name>
    <message>
        <location filename="../../shared/qt/errors.py" line="-529"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member balance</source>
        <translation>会员余额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <location filename="../../pos/screens/payment_screen.py" line="+275"/>
        <source>Cash tendered</source>
        <translation>实收现金</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Amount to charge</source>
        <translation>收款金额</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Leave payment?</source>
        <translation>离开收款？</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>A payment-code payment has already been taken for this sale. Going back refunds it to the customer through the provider. Go back anyway?</source>
        <translation>本单已收取扫码付款。返回将通过支付渠道把这笔款退还给顾客。仍要返回吗？</translation>
    </message>
    <message>
        <location line="-187"/>
        <source>Coupons (redeemed for this sale): {coupons}</source>
        <extracomment>methods whose tenders were taken from someone (not just typed): they are given back on leaving the member on the sale (balance and points pay), when the cart has one the coupons are redeemed centrally for this sale (nothing to redeem: True) said on the sale screen after going back (e.g. what could not be given back yet) a charge whose result the provider did not give: F5 asks again</extracomment>
        <translation>卡券（已为本单核销）：{coupons}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupons: {coupons}</source>
        <translation>卡券：{coupons}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Member {phone} {name}: balance {balance}, {points} points</source>
        <translation>会员 {phone} {name}：余额 {balance}，积分 {points}</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Redeeming the coupons with head office…</source>
        <translation>正在向总部核销卡券……</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reserving the card keys with head office…</source>
        <translation>正在向总部预留卡密…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Coupons redeemed for this sale. Take the payment.</source>
        <translation>卡券已为本单核销，请收款。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card keys reserved for this sale. Take the payment.</source>
        <translation>已为本单预留卡密，请收款。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{reason}. Go back to the sale (Esc) and take the coupon off.</source>
        <translation>{reason}。请返回收银（Esc）并移除该卡券。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>By balance</source>
        <translation>余额支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By points</source>
        <translation>积分抵扣</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The member&apos;s balance: {amount}</source>
        <translation>会员余额：{amount}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Points can pay at most {amount} ({points} points; the member has {have})</source>
        <translation>积分最多可抵扣 {amount}（{points} 积分；会员现有 {have} 积分）</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Payments were already taken for this sale. Going back refunds the payment-code payment through the provider and gives the balance and points back to the member. Go back anyway?</source>
        <translation>本单已收取部分款项。返回将通过支付渠道退还扫码付款，并把余额和积分退还给会员。仍要返回吗？</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The member&apos;s balance or points already paid part of this sale. Going back gives them back to the member. Go back anyway?</source>
        <translation>本单已用会员余额或积分支付了部分金额。返回将退还给会员。仍要返回吗？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refund and go back</source>
        <translation>退款并返回</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Give back and go back</source>
        <translation>退还并返回</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Refunding the payment-code payment…</source>
        <translation>正在退还扫码付款…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Giving back what was taken for this sale…</source>
        <translation>正在退还本单已收取的款项……</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The provider did not refund every payment: it is listed for a manager to refund. The sale was not completed.</source>
        <translation>支付渠道未能退还全部付款，已列入待退款清单，请店长处理。本单未完成。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Head office cannot be reached: the coupons and balance/points of the abandoned sale are given back automatically once it can.</source>
        <translation>无法连接总部：所放弃销售单占用的卡券和余额/积分将在恢复连接后自动退还。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>What was held for the abandoned sale is given back by the background sync.</source>
        <translation>所放弃销售单占用的卡券和余额/积分将由后台同步退还。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Still due: {amount}</source>
        <translation>还需收款：{amount}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Scan the customer&apos;s payment code</source>
        <translation>请扫描顾客的付款码</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Charging {amount} by {method}… waiting for the customer</source>
        <translation>正在通过{method}收款 {amount}……等待顾客支付</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{method} paid {amount}. Still due: {due}</source>
        <translation>{method}已支付 {amount}，还需收款 {due}</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Taking {amount} from the member&apos;s {method}…</source>
        <translation>正在扣减{method} {amount}……</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Asking the provider about trade {ref}…</source>
        <translation>正在向支付渠道查询交易 {ref}…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>A balance or points payment cannot be removed here: it was already taken. Going back to the sale (Esc) gives it back.</source>
        <translation>余额或积分支付已扣款，不能在此删除。返回收银（Esc）即可退还。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A payment-code payment cannot be removed here: it was already charged (trade {ref})</source>
        <translation>扫码付款已扣款，不能在此删除（交易号 {ref}）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Saving the sale…</source>
        <translation>正在保存销售单……</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The coupons and balance/points payments were given back.</source>
        <translation>卡券和余额/积分支付已退还。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>They are given back by the background sync.</source>
        <translation>将由后台同步退还。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take the balance or points payment again.</source>
        <translation>请重新收取余额或积分支付。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Total {total}   Received {paid}</source>
        <translation>应收 {total}   实收 {paid}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receipt No. {number}</source>
        <translation>小票号 {number}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next sale</source>
        <translation>下一单</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Receipt printed</source>
        <translation>小票已打印</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printing failed: {reason}. The receipt is kept in the print queue and can be retried (F11).</source>
        <translation>打印失败：{reason}。小票已保留在打印队列，可重试（F11）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Printing the receipt…</source>
        <translation>正在打印小票……</translation>
    </message>
</context>
<context>
    <name>PaymentView</name>
    <message>
        <location filename="../../pos/views/payment_view.py" line="+34"/>
        <location line="+1"/>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take payment</source>
        <translation>确认收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to sale</source>
        <translation>返回收银</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Amount due</source>
        <translation>应收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>已收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Still due</source>
        <translation>待收</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+83"/>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cash tendered</source>
        <translation>实收现金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payment code</source>
        <translation>付款码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the customer&apos;s payment code</source>
        <translation>请扫描顾客的付款码</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Query payment</source>
        <translation>查询付款</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>F1 cash  F2 card  F3 WeChat  F4 Alipay  ·  Enter takes the amount  ·  F6 removes the last payment  ·  F12 completes</source>
        <translation>F1 现金  F2 银行卡  F3 微信  F4 支付宝  ·  Enter 收款  ·  F6 删除最后一笔付款  ·  F12 完成收款</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Remove payment</source>
        <translation>删除付款</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>F1 cash  F2 card  F3 WeChat  F4 Alipay  F7 balance  F8 points  ·  Enter takes the amount  ·  F6 removes the last payment  ·  F12 completes</source>
        <translation>F1 现金  F2 银行卡  F3 微信  F4 支付宝  F7 余额  F8 积分  ·  Enter 收款  ·  F6 删除最后一笔付款  ·  F12 完成收款</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Payment complete</source>
        <translation>收款完成</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsScreen</name>
    <message>
        <location filename="../../pos/screens/printer_settings_screen.py" line="+88"/>
        <source>Simulator (SimulatedProvider): the shipped stand-in for WeChat Pay / Alipay. No real money moves.</source>
        <translation>模拟器（SimulatedProvider）：随系统提供的微信支付 / 支付宝模拟渠道，不会真实扣款。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Payment succeeds</source>
        <translation>支付成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment is declined</source>
        <translation>支付被拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider times out (found paid on query)</source>
        <translation>渠道超时（查询后为已支付）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid, then notified twice</source>
        <translation>支付成功后重复通知</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Test print</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printing a test page…</source>
        <translation>正在打印测试页……</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Test page sent to the printer</source>
        <translation>测试页已发送到打印机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test print failed: {reason}</source>
        <translation>测试打印失败：{reason}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Changing the printer settings needs a manager.</source>
        <translation>修改打印设置需要店长授权。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saving…</source>
        <translation>正在保存……</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsView</name>
    <message>
        <location filename="../../pos/views/printer_settings_view.py" line="+26"/>
        <location line="+1"/>
        <source>Printer settings</source>
        <translation>打印设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No printer</source>
        <translation>不打印</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File or device path</source>
        <translation>文件或设备路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network (TCP 9100)</source>
        <translation>网络（TCP 9100）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Printer type</source>
        <translation>打印机类型</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Vendor id</source>
        <translation>厂商 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product id</source>
        <translation>产品 ID</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{mm} mm</source>
        <translation>{mm} 毫米</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paper width</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copies</source>
        <translation>打印份数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receipt text</source>
        <translation>小票文字</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Header text</source>
        <translation>页眉文字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Footer text</source>
        <translation>页脚文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print a QR code under each card key</source>
        <translation>每个卡密下打印二维码</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Test print</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Payment-code provider (WeChat Pay / Alipay)</source>
        <translation>付款码支付渠道（微信支付 / 支付宝）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Provider</source>
        <translation>支付渠道</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Simulated answer</source>
        <translation>模拟结果</translation>
    </message>
</context>
<context>
    <name>ProductEditor</name>
    <message>
        <location filename="../../backoffice/product_dialog.py" line="+311"/>
        <source>No category</source>
        <extracomment>the grid&apos;s columns, in order (the service&apos;s column names) where a grid row keeps the id of the SKU it edits</extracomment>
        <translation>未分类</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Edit product</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New product</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial numbers</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled on-shelf</source>
        <translation>定时上架</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled off-shelf</source>
        <translation>定时下架</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. P900001 (one word)</source>
        <translation>例如 P900001（不含空格）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 可口可乐 330ml</source>
        <translation>例如 可口可乐 330ml</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>件</source>
        <translation>件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Track a serial number per unit (goods only)</source>
        <translation>按序列号逐件管理（仅限实物商品）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>At</source>
        <translation>定时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Specs (at most two dimensions)</source>
        <translation>规格（最多两个维度）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spec {n}</source>
        <translation>规格 {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Values</source>
        <translation>规格值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 颜色</source>
        <translation>例如 颜色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 尺码</source>
        <translation>例如 尺码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 白色, 黑色</source>
        <translation>例如 白色，黑色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. M, L, XL</source>
        <translation>例如 M，L，XL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate SKUs</source>
        <translation>生成 SKU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A row for each combination of the values that has none yet</source>
        <translation>为每个尚无对应行的规格值组合添加一行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SKUs</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add SKU</source>
        <translation>添加 SKU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove SKU</source>
        <translation>移除 SKU</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prices in yuan; several barcodes separated by commas; a saved SKU is taken off sale, not deleted</source>
        <translation>价格单位为元；多个条码用逗号分隔；已保存的 SKU 移除时只停售，不删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Spec 1</source>
        <translation>规格 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spec 2</source>
        <translation>规格 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member price</source>
        <translation>会员价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost</source>
        <translation>成本价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barcodes</source>
        <translation>条码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>A saved SKU is taken off sale, not deleted (sales and stock refer to it)</source>
        <translation>已保存的 SKU 只会停售，不会删除（已有销售和库存记录）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Name each spec and give its values, separated by commas</source>
        <translation>请填写每个规格的名称和规格值，规格值用逗号分隔</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>{count} SKUs added</source>
        <translation>已添加 {count} 个 SKU</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
</context>
<context>
    <name>ReceiveEditor</name>
    <message>
        <location filename="../../backoffice/transfer_screen.py" line="+476"/>
        <source>Receive transfer</source>
        <translation>调拨收货</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receive {no} from {src} into {dst}</source>
        <translation>收货：{no}，从 {src} 调入 {dst}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Count what arrived. Each line is filled in with what was sent: change the lines that differ (for serial-tracked goods, keep the serial numbers that arrived).</source>
        <translation>请清点实收数量。每行已按发出数量填好：只需修改有差异的行（序列号商品请保留实际到货的序列号）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>发出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>实收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial numbers received</source>
        <translation>实收序列号</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Receive</source>
        <translation>确认收货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Sent {sent} · received {received} · difference {diff}</source>
        <translation>发出 {sent} · 实收 {received} · 差异 {diff}</translation>
    </message>
</context>
<context>
    <name>RefundLinesModel</name>
    <message>
        <location filename="../../pos/models/refund_lines_model.py" line="+43"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Returned</source>
        <translation>已退</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Returnable</source>
        <translation>可退</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Return qty</source>
        <translation>退货数量</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>card key: no return</source>
        <translation>卡密不可退</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Not a quantity: {value}</source>
        <translation>不是有效的数量：{value}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name}: at most {left} can be returned</source>
        <translation>{name}：最多可退 {left}</translation>
    </message>
</context>
<context>
    <name>ReportScreen</name>
    <message>
        <location filename="../../backoffice/report_models.py" line="+126"/>
        <source>Orders</source>
        <extracomment>the tables, in the order the screen shows them the column that takes the room the others leave (a name)</extracomment>
        <translation>订单数</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+126"/>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Refunds</source>
        <translation>退款笔数</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+120"/>
        <location line="+55"/>
        <source>Refunded</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <location line="-169"/>
        <location filename="../../backoffice/report_views.py" line="+198"/>
        <source>Revenue</source>
        <translation>营业额</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../backoffice/report_views.py" line="+240"/>
        <source>Average ticket</source>
        <translation>客单价</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(deleted staff)</source>
        <translation>（已删除员工）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Daily</source>
        <translation>按日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Business day</source>
        <translation>营业日</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>By store</source>
        <translation>按门店</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+173"/>
        <location line="+151"/>
        <source>Store code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location line="-322"/>
        <location line="+173"/>
        <location line="+151"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="-312"/>
        <source>By cashier</source>
        <translation>按收银员</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <location line="+297"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="-311"/>
        <location line="+314"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location line="-302"/>
        <source>Guide performance</source>
        <translation>导购业绩</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Guide</source>
        <translation>导购</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Top products</source>
        <translation>商品排行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+143"/>
        <location line="+57"/>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <location line="-199"/>
        <location line="+143"/>
        <location line="+57"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+18"/>
        <location filename="../../backoffice/report_views.py" line="-113"/>
        <source>Net amount</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <location line="+30"/>
        <location filename="../../backoffice/report_views.py" line="+126"/>
        <source>Payment methods</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Payments</source>
        <translation>收款笔数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Paid</source>
        <translation>收款金额</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+17"/>
        <source>Coupon</source>
        <translation>卡券</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Pickup order</source>
        <translation>提货订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel order</source>
        <translation>电商订单</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Coupon verifications</source>
        <translation>卡券核销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Redemptions</source>
        <translation>核销次数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Discount given</source>
        <translation>优惠金额</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Card-key stock</source>
        <translation>卡密库存</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+58"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Reserved</source>
        <translation>被占用</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stock setting</source>
        <translation>库存设置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sellable</source>
        <translation>可售</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sold in period</source>
        <translation>期间售出</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Issue rate</source>
        <translation>发放率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sold in period ÷ (sold in period + available now)</source>
        <translation>期间售出 ÷（期间售出 + 当前可用）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Low stock</source>
        <translation>库存预警</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lower limit</source>
        <translation>库存下限</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Upper limit</source>
        <translation>库存上限</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Short by</source>
        <translation>缺口</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Shift variances</source>
        <translation>班次差异</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Closed shifts</source>
        <translation>交班次数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Short shifts</source>
        <translation>短款班次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Short</source>
        <translation>短款</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Over shifts</source>
        <translation>长款班次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Over</source>
        <translation>长款</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Net variance</source>
        <translation>净差异</translation>
    </message>
    <message>
        <location filename="../../backoffice/report_screen.py" line="+50"/>
        <source>You may not read the reports of store {store}</source>
        <extracomment>&quot;today&quot; for the date presets (the service reads each store&apos;s own business days)</extracomment>
        <translation>您无权查看门店 {store} 的报表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A report covers at most {days} days: choose a shorter period</source>
        <translation>报表最多统计 {days} 天：请选择更短的时间段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The date range ends before it starts</source>
        <translation>结束日期早于开始日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No such store</source>
        <translation>门店不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You may not read reports</source>
        <translation>您无权查看报表</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Export report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>First business day</source>
        <translation>起始营业日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last business day</source>
        <translation>截止营业日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the table shown to CSV</source>
        <translation>将当前表格导出为 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the table shown to XLSX</source>
        <translation>将当前表格导出为 XLSX</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+64"/>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{store} · {first} to {last}</source>
        <translation>{store} · {first} 至 {last}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Low stock: the {shown} furthest below their limits of {total} are listed; the Low stock area lists every one</source>
        <translation>库存预警：共 {total} 项，此处仅列出低于下限最多的 {shown} 项；完整列表请到“库存预警”页面查看</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Orders: {count} · {day}</source>
        <translation>订单数：{count} · {day}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Orders since the 1st: {count}</source>
        <translation>本月订单数：{count}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sales {sales} · refunds {refunds}</source>
        <translation>销售 {sales} · 退款 {refunds}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refunds: {count}</source>
        <translation>退款笔数：{count}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sales ÷ orders</source>
        <translation>销售额 ÷ 订单数</translation>
    </message>
    <message>
        <location filename="../../backoffice/report_views.py" line="-278"/>
        <source>No data in this period</source>
        <extracomment>a payment method&apos;s colour in the pie (others take the palette in turn) the longest product name a bar&apos;s label shows (CJK characters are wide)</extracomment>
        <translation>该时段暂无数据</translation>
    </message>
    <message>
        <location line="+226"/>
        <source>Reports</source>
        <translation>数据统计</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Today&apos;s revenue</source>
        <translation>今日营业额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revenue this month</source>
        <translation>本月营业额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revenue in period</source>
        <translation>期间营业额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders in period</source>
        <translation>期间订单数</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Revenue trend</source>
        <translation>营业额趋势</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Top 10 products</source>
        <translation>热销商品 TOP 10</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
</context>
<context>
    <name>ReservationMessages</name>
    <message>
        <location filename="../../backoffice/reservation_models.py" line="+83"/>
        <source>Not enough {sku} {name} available in {warehouse} to lock {qty}: {available} available ({on_hand} on hand, {locked} already locked). Only a pre-sale may lock more than is available.</source>
        <translation>{warehouse} 的 {sku} {name} 可用库存不足，无法锁定 {qty}：可用 {available}（在库 {on_hand}，已锁定 {locked}）。只有预售可以锁定超过可用的数量。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reservation {no} is already released</source>
        <translation>锁定单 {no} 已释放</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reservation {no} is already fulfilled</source>
        <translation>锁定单 {no} 已成交</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reservation {no} has expired: its stock is available again</source>
        <translation>锁定单 {no} 已过期，库存已恢复可用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This reservation no longer exists</source>
        <translation>该锁定单已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose what the stock is locked for</source>
        <translation>请选择锁定原因</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>The expiry must be later than now</source>
        <translation>到期时间必须晚于当前时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This item is not goods kept in a warehouse: it cannot be locked</source>
        <translation>该商品不是仓库存放的实物商品，不能锁定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This item is locked in whole units</source>
        <translation>该商品只能按整件锁定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No such state</source>
        <translation>没有这个状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The reference is too long (at most {limit} characters)</source>
        <translation>单号/备注太长（最多 {limit} 个字符）</translation>
    </message>
</context>
<context>
    <name>ReservationScreen</name>
    <message>
        <location filename="../../backoffice/reservation_screen.py" line="+355"/>
        <source>Stock reservations</source>
        <translation>锁定库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SKU code, barcode or name</source>
        <translation>SKU 编码、条码或名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference (order no., phone)</source>
        <translation>单号/备注（订单号、手机号）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock stock…</source>
        <translation>锁定库存…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fulfilled…</source>
        <translation>已成交…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customer&apos;s goods were sold: unlock them (the sale takes them out)</source>
        <translation>顾客的商品已售出：解除锁定（由销售扣减库存）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release…</source>
        <translation>释放…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The order fell through: the stock is available again</source>
        <translation>订单取消：库存恢复可用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Any warehouse</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The newest {count} reservations ({open} locked)</source>
        <translation>最新 {count} 条锁定单（{open} 条锁定中）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} reservations ({open} locked)</source>
        <translation>共 {count} 条锁定单（{open} 条锁定中）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No reservation selected</source>
        <translation>未选择锁定单</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>locked {at} by {who}</source>
        <translation>{who} 于 {at} 锁定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reference: {reference}</source>
        <translation>单号/备注：{reference}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expires {at}</source>
        <translation>{at} 到期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ended {at} by {who}</source>
        <translation>{who} 于 {at} 结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ended {at}</source>
        <translation>{at} 结束</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{code} in {warehouse} now: on hand {on_hand} · locked {locked} · available {available}</source>
        <translation>{code} 在 {warehouse} 当前：在库 {on_hand} · 锁定 {locked} · 可用 {available}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Reservation {no}: {qty} {unit} of {code} locked in {warehouse}; {available} {unit} available now</source>
        <translation>锁定单 {no}：已在 {warehouse} 锁定 {code} {qty} {unit}，当前可用 {available} {unit}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Release reservation</source>
        <translation>释放锁定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release reservation {no}? The {qty} {unit} of {code} {name} locked in {warehouse} become available again.</source>
        <translation>释放锁定单 {no}？{warehouse} 中锁定的 {code} {name} {qty} {unit} 将恢复可用。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reservation fulfilled</source>
        <translation>锁定单已成交</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark reservation {no} as fulfilled? The {qty} {unit} of {code} {name} locked in {warehouse} are unlocked; the sale takes them out of stock when it reaches head office.</source>
        <translation>将锁定单 {no} 标记为已成交？{warehouse} 中锁定的 {code} {name} {qty} {unit} 将解除锁定；销售单同步到总部时扣减库存。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Reservation {no} released: {available} {unit} of {code} available now</source>
        <translation>锁定单 {no} 已释放：{code} 当前可用 {available} {unit}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reservation {no} fulfilled: {available} {unit} of {code} available now</source>
        <translation>锁定单 {no} 已成交：{code} 当前可用 {available} {unit}</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="vanished">CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="vanished">Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="vanished">正在导出…</translation>
    </message>
    <message>
        <source>Exported {count} rows to {path}</source>
        <translation type="vanished">已导出 {count} 行到 {path}</translation>
    </message>
    <message>
        <location line="-294"/>
        <source>Export reservations</source>
        <extracomment>asks before releasing or fulfilling (tests answer for the manager) where an export goes (tests answer it themselves)</extracomment>
        <translation>导出锁定库存</translation>
    </message>
</context>
<context>
    <name>Reservations</name>
    <message>
        <location filename="../../backoffice/reservation_models.py" line="-89"/>
        <source>Unpaid order</source>
        <extracomment>the column that takes the room left over (the item&apos;s name)</extracomment>
        <translation>未付款订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pre-sale</source>
        <translation>预售</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Locked</source>
        <translation>锁定中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Released</source>
        <translation>已释放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fulfilled</source>
        <translation>已成交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+90"/>
        <location line="+66"/>
        <source>Reservation no.</source>
        <translation>锁定单号</translation>
    </message>
    <message>
        <location line="-65"/>
        <location line="+66"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location line="-65"/>
        <location line="+66"/>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <location line="-65"/>
        <location line="+66"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-64"/>
        <location line="+66"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="-62"/>
        <location line="+61"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="-59"/>
        <location line="+61"/>
        <source>Reason</source>
        <translation>锁定原因</translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+57"/>
        <source>Reference</source>
        <translation>单号/备注</translation>
    </message>
    <message>
        <location line="-52"/>
        <location line="+53"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-47"/>
        <location line="+48"/>
        <source>Expires at</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location line="-44"/>
        <location line="+45"/>
        <source>Locked at</source>
        <translation>锁定时间</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+42"/>
        <source>Ended at</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Available now</source>
        <translation>当前可用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>On hand {on_hand} · locked {locked} in {warehouse} now</source>
        <translation>{warehouse} 当前在库 {on_hand} · 锁定 {locked}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Locked by</source>
        <translation>锁定人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ended by</source>
        <translation>结束人</translation>
    </message>
</context>
<context>
    <name>ReserveEditor</name>
    <message>
        <location filename="../../backoffice/reservation_screen.py" line="-267"/>
        <source>{code} {name} · on hand {on_hand} · locked {locked} · available {available} {unit}</source>
        <extracomment>the expiry a new reservation is offered (when the manager ticks &quot;expires&quot;) which field of the dialog a refusal is about</extracomment>
        <translation>{code} {name} · 在库 {on_hand} · 锁定 {locked} · 可用 {available} {unit}</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Lock stock</source>
        <extracomment>the SKU the code field names, once looked up in the chosen warehouse</extracomment>
        <translation>锁定库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or type a SKU code or barcode, then Enter</source>
        <translation>扫描或输入 SKU 编码／条码后回车</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For</source>
        <translation>锁定原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>单号/备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order number, customer phone or a note</source>
        <translation>订单号、顾客手机号或备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expiry</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock automatically at</source>
        <translation>到期自动解锁，时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Locked stock stays on hand but is no longer available to other orders. An unpaid order or other reason may lock only what is available; a pre-sale may lock more than there is.</source>
        <translation>锁定的库存仍在库，但不再供其他订单使用。未付款订单或其他原因只能锁定可用数量；预售可以锁定超过现有的数量。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Press Enter to see the item and its stock here</source>
        <translation>回车后在此显示商品及其库存</translation>
    </message>
</context>
<context>
    <name>ResetEditor</name>
    <message>
        <location filename="../../backoffice/staff_screen.py" line="+244"/>
        <source>Reset PIN</source>
        <translation>重置 PIN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New PIN</source>
        <translation>新 PIN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat</source>
        <translation>再次输入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>4 to 8 digits</source>
        <translation>4 至 8 位数字</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>8 to 128 characters</source>
        <translation>8 至 128 个字符</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Leave both empty to have one generated: it is shown once. The account is unlocked too.</source>
        <translation>两项都留空则自动生成，仅显示一次。账号也会同时解锁。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The two entries differ</source>
        <translation>两次输入不一致</translation>
    </message>
</context>
<context>
    <name>ReturnsScreen</name>
    <message>
        <location filename="../../pos/screens/returns_screen.py" line="+76"/>
        <source>Scan or type the receipt number</source>
        <translation>请扫描或输入小票号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Looking up the receipt…</source>
        <translation>正在查找小票……</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Receipt {number} · {at} · total {total} · paid by {paid}</source>
        <translation>小票 {number} · {at} · 合计 {total} · 付款 {paid}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>already refunded {amount}</source>
        <translation>已退款 {amount}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing left to refund on this receipt</source>
        <translation>这张小票已没有可退的商品</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Refund about {amount}</source>
        <translation>预计退款 {amount}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose what to refund: type a quantity, or F1 for everything</source>
        <translation>请选择要退的商品：输入退货数量，或按 F1 整单退货</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Refunding…</source>
        <translation>正在退货……</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A refund of {amount} needs a manager&apos;s approval.</source>
        <translation>退款 {amount} 需要店长授权。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Refund not approved</source>
        <translation>退款未获授权</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Refund {amount}</source>
        <translation>退款 {amount}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{method}: {amount}</source>
        <translation>{method}：{amount}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refund No. {number} (receipt {receipt})</source>
        <translation>退货单号 {number}（原小票 {receipt}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ReturnsView</name>
    <message>
        <location filename="../../pos/views/returns_view.py" line="+24"/>
        <location line="+1"/>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund</source>
        <translation>确认退货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Receipt No.</source>
        <translation>小票号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan the receipt&apos;s QR code or type its number</source>
        <translation>扫描小票二维码或输入小票号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Return everything</source>
        <translation>整单退货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear choice</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Customer changed their mind</source>
        <translation>顾客不想要了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quality problem</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong item</source>
        <translation>拿错商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired</source>
        <translation>商品过期</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Up/Down choose a line, type the quantity to return, Enter. F1 returns everything. F12 refunds.</source>
        <translation>上/下键选择商品行，输入退货数量后按 Enter。F1 整单退货，F12 确认退款。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Refund complete</source>
        <translation>退货完成</translation>
    </message>
</context>
<context>
    <name>ReverseDialog</name>
    <message>
        <location filename="../../pos/verifier/views.py" line="+156"/>
        <source>Reverse a verification</source>
        <translation>撤销核销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reverse</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. redeemed by mistake</source>
        <translation>例如：误核销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+10"/>
        <source>Give a reason for the reversal</source>
        <translation>请填写撤销原因</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <location filename="../../pos/screens/sale_screen.py" line="+136"/>
        <location line="+546"/>
        <source>Retry printing</source>
        <extracomment>the coupon row chosen with Up/Down (Del / F6 removes it), else None members looked up on this counter, by id (the cart holds only the id) cash top-ups taken here that the central balance does not show yet, by member id</extracomment>
        <translation>重试打印</translation>
    </message>
    <message>
        <location line="-393"/>
        <source>Weighed items take their quantity from the scale label</source>
        <translation>称重商品的数量以秤标签为准</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serial-tracked items are scanned one unit at a time</source>
        <translation>序列号商品请逐件扫描</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{name}  S/N {serial}  {amount}</source>
        <translation>{name}  序列号 {serial}  {amount}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name}  S/N {serial}: not checked (head office unreachable); it is checked when the sale syncs</source>
        <translation>{name}  序列号 {serial}：未校验（无法连接总部），将在同步时校验</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{name} × {qty}  {amount}</source>
        <translation>{name} × {qty}  {amount}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Checking the coupon with head office…</source>
        <translation>正在向总部核验卡券……</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Coupon {name}  {amount}</source>
        <translation>卡券 {name}  {amount}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Remove coupon</source>
        <translation>移除卡券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove coupon {name} from the sale?</source>
        <translation>从本单移除卡券 {name}？</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Removed coupon {name}</source>
        <translation>已移除卡券 {name}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{reason}. Remove the coupon (choose it, Del) to sell without it.</source>
        <translation>{reason}。如需不用券结账，请选中该卡券按 Del 移除。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Coupon {name} was taken off the sale: {reason}</source>
        <translation>卡券 {name} 已从本单移除：{reason}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{name} may not count stock at this store</source>
        <translation>{name} 无权在本店盘点</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No member on this sale: Ctrl+M finds one by mobile number</source>
        <translation>本单未关联会员：按 Ctrl+M 用手机号查找</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{points} points</source>
        <translation>{points} 积分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balance {amount}</source>
        <translation>余额 {amount}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(+{amount} topped up)</source>
        <translation>（已充值 +{amount}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Member prices save {amount}</source>
        <translation>会员价节省 {amount}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Member {name} ({phone}): member prices apply</source>
        <translation>会员 {name}（{phone}）：享受会员价</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Looking a member up needs a connection to head office</source>
        <translation>查找会员需要连接总部</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove member</source>
        <translation>移除会员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take member {who} off this sale? Member prices no longer apply.</source>
        <translation>从本单移除会员 {who}？移除后不再享受会员价。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Member taken off the sale</source>
        <translation>已从本单移除会员</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Find the member first (Ctrl+M), then top up</source>
        <translation>请先查找会员（Ctrl+M），再充值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} ({phone}), balance {balance}</source>
        <translation>{name}（{phone}），余额 {balance}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Confirm top-up</source>
        <translation>确认充值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take {amount} in cash and add it to the balance of {name} ({phone})?</source>
        <translation>收取现金 {amount} 并充入 {name}（{phone}）的会员余额？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take cash and top up</source>
        <translation>收现金并充值</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saving the top-up…</source>
        <translation>正在保存充值……</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Topped up {amount} for {phone}: put the cash in the drawer. The balance shows it after the next sync.</source>
        <translation>已为 {phone} 充值 {amount}：请将现金放入钱箱。下次同步后余额才会更新。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add the scanned or typed code</source>
        <translation>录入扫描或输入的条码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3*code</source>
        <translation>3*条码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add 3 of an item</source>
        <translation>一次录入 3 件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up / Down</source>
        <translation>上 / 下</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a line</source>
        <translation>选择商品行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This help</source>
        <translation>本帮助</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find a product by name, code or pinyin</source>
        <translation>按名称、编码或拼音首字母查找商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the quantity of the chosen line</source>
        <translation>修改所选行的数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount on the chosen line</source>
        <translation>所选行单品折扣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount on the whole sale</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the chosen line</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the price (manager)</source>
        <translation>改价（需店长授权）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Park the sale</source>
        <translation>挂单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume a parked sale</source>
        <translation>取单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift: X report, cash in/out, close, printing</source>
        <translation>班次：X报表、存取现金、交班、打印</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pay</source>
        <translation>结账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the sale</source>
        <translation>清空当前销售</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find a member by phone / take the member off</source>
        <translation>按手机号查找会员 / 移除会员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top up the member&apos;s balance (cash)</source>
        <translation>会员余额充值（现金）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stock of an item here and at the other stores</source>
        <translation>查看本店及其他门店的库存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan coupon</source>
        <translation>扫描卡券</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Apply a coupon (its code or QR)</source>
        <translation>使用卡券（扫券码或二维码）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose a line first (Up/Down)</source>
        <translation>请先选择一行（上/下方向键）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Quantity of {name} is now {qty}</source>
        <translation>{name} 的数量已改为 {qty}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Weight (kg)</source>
        <translation>重量（千克）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quantity of {name}</source>
        <translation>修改数量：{name}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Discount given. The sale&apos;s discounts: {amount}</source>
        <translation>已给予折扣，本单优惠合计：{amount}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Line discount</source>
        <translation>单品折扣</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: {amount}</source>
        <translation>{name}：{amount}</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+110"/>
        <location line="+121"/>
        <source>The sale has no items</source>
        <translation>当前销售没有商品</translation>
    </message>
    <message>
        <location line="-212"/>
        <source>Order discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sale after line discounts: {amount}</source>
        <translation>单品折扣后金额：{amount}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Remove line</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove {name} from the sale?</source>
        <translation>从本单删除 {name}？</translation>
    </message>
    <message>
        <location line="-401"/>
        <location line="+143"/>
        <location line="+260"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-144"/>
        <source>Count stock: scan the shelf for the store&apos;s count sheet</source>
        <translation>盘点扫码：扫货架商品，计入本店盘点单</translation>
    </message>
    <message>
        <location line="+155"/>
        <source>Removed {name}</source>
        <translation>已删除 {name}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Change the price of {name} from {old} to {new}?</source>
        <translation>将 {name} 的单价由 {old} 改为 {new}？</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Change price of {name}</source>
        <translation>改价：{name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New unit price (yuan)</source>
        <translation>新单价（元）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A price change needs a manager&apos;s approval.</source>
        <translation>改价需要店长授权。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Price changed, approved by {name}</source>
        <translation>已改价，授权人：{name}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name} and {n} more</source>
        <translation>{name} 等 {total} 种商品</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Parking the sale…</source>
        <translation>正在挂单……</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sale parked ({amount}). F9 resumes it.</source>
        <translation>已挂单（{amount}），按 F9 取单。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Finish, park or clear the current sale first</source>
        <translation>请先结账、挂单或清空当前销售</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No parked sales on this terminal</source>
        <translation>本终端没有挂单</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Sale resumed. Look the member up again (Ctrl+M).</source>
        <translation>已取单。请重新查找会员（Ctrl+M）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sale resumed</source>
        <translation>已取单</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Saving… one moment</source>
        <translation>正在保存……请稍候</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sale {number} complete. Change {change}</source>
        <translation>销售单 {number} 已完成，找零 {change}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Clear sale</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear all {n} lines of this sale?</source>
        <translation>清空本单全部 {n} 行商品？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sale cleared</source>
        <translation>已清空当前销售</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Printing failed: {reason}. The receipt is kept in the print queue ({n} waiting) and can be retried.</source>
        <translation>打印失败：{reason}。小票已保留在打印队列（{n} 张待打印），可重试。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Printing failed: {reason}. The receipt is kept in the print queue and can be retried.</source>
        <translation>打印失败：{reason}。小票已保留在打印队列，可重试。</translation>
    </message>
</context>
<context>
    <name>SaleView</name>
    <message>
        <location filename="../../pos/views/sale_view.py" line="+49"/>
        <source>Scan / code</source>
        <translation>扫码 / 条码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan a barcode or type a code, then Enter (3*code for 3)</source>
        <translation>扫描条码或输入编码后按 Enter（3*条码 = 3 件）</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>查找商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line discount</source>
        <translation>单品折扣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove line</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change price</source>
        <translation>改价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Park sale</source>
        <translation>挂单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume sale</source>
        <translation>取单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear sale</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pay</source>
        <translation>结账</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../pos/models/search_model.py" line="+15"/>
        <source>off shelf</source>
        <translation>已下架</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../../pos/screens/search_screen.py" line="+87"/>
        <source>{n} found</source>
        <translation>找到 {n} 个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing found</source>
        <translation>没有找到</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Type something to search for, then choose an item</source>
        <translation>请输入查找内容，再选择商品</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is off shelf and cannot be sold</source>
        <translation>{name} 已下架，不能销售</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../pos/views/search_view.py" line="+14"/>
        <location line="+1"/>
        <source>Find a product</source>
        <translation>查找商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add to sale</source>
        <translation>加入销售</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name, code, barcode or pinyin initials (e.g. ksf)</source>
        <translation>名称、编码、条码或拼音首字母（例如 ksf）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Up/Down choose, Enter adds the item, Esc closes.</source>
        <translation>上/下键选择，Enter 加入销售，Esc 关闭。</translation>
    </message>
</context>
<context>
    <name>SerialDialog</name>
    <message>
        <location filename="../../pos/dialogs/serial.py" line="+27"/>
        <location line="+8"/>
        <source>Serial number</source>
        <extracomment>as the service allows (``services.serials.MAX_SERIAL``)</extracomment>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the serial number on the unit</source>
        <translation>扫描商品上的序列号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This item is sold by serial number, one unit per line. The number is checked with head office; offline it is checked when the sale is synced.</source>
        <translation>此商品按序列号销售，每行一件。序列号由总部校验；离线时在同步时校验。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Scan or type the serial number</source>
        <translation>请扫描或输入序列号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checking the serial number…</source>
        <translation>正在校验序列号…</translation>
    </message>
</context>
<context>
    <name>SettlementScreen</name>
    <message>
        <location filename="../../backoffice/settlement_models.py" line="+45"/>
        <source>Draft</source>
        <extracomment>(background, text) of each statement state the column of the statement list that shows the state (coloured) payment methods in the order a statement lists them (others follow, by name)</extracomment>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settled</source>
        <translation>已结算</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>daily</source>
        <translation>按日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weekly</source>
        <translation>按周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>monthly</source>
        <translation>按月</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>YYYY-MM, e.g. 2026-10</source>
        <translation>YYYY-MM，如 2026-10</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>YYYY-MM-DD, any day of the week</source>
        <translation>YYYY-MM-DD，该周任意一天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>YYYY-MM-DD, e.g. 2026-10-05</source>
        <translation>YYYY-MM-DD，如 2026-10-05</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Platform-funded</source>
        <translation>平台承担</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store-funded</source>
        <translation>门店承担</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Payable to the store</source>
        <translation>应付门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head office pays the store {amount}</source>
        <translation>总部应付门店 {amount}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Payable by the store</source>
        <translation>门店应缴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The store pays head office {amount}</source>
        <translation>门店应缴总部 {amount}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Payable</source>
        <translation>应付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to pay either way</source>
        <translation>双方无需付款</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Payments · {method}</source>
        <translation>收款 · {method}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Payments · all methods</source>
        <translation>收款 · 全部方式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refunds · paid back by {method}</source>
        <translation>退款 · {method}退回</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupons · {funder}</source>
        <translation>卡券 · {funder}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupons</source>
        <translation>卡券</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+45"/>
        <location filename="../../backoffice/settlement_views.py" line="+137"/>
        <source>Sales</source>
        <extracomment>the figures of the sales column, top to bottom the figures of the settlement column, top to bottom figures that are a sum of the ones above them (a rule above, bold) figures computed from others: no records of their own to show</extracomment>
        <translation>销售</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Card-key lines</source>
        <translation>卡密明细</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel orders</source>
        <translation>电商订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjustments (late records)</source>
        <translation>调整（迟到单据）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Statement no.</source>
        <translation>结算单号</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../backoffice/settlement_views.py" line="+221"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period</source>
        <translation>结算期</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../backoffice/settlement_views.py" line="+5"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../backoffice/settlement_screen.py" line="+497"/>
        <location line="+7"/>
        <source>Net sales</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fee</source>
        <translation>服务费</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Payable to store</source>
        <translation>应付门店</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Confirmed by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Payment ref.</source>
        <translation>付款凭证</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Sale</source>
        <translation>销售</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon</source>
        <translation>卡券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card key</source>
        <translation>卡密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel order</source>
        <translation>电商订单</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Business day</source>
        <translation>营业日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Who</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detail</source>
        <translation>明细</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Arrived after its own period was confirmed: counted in this statement</source>
        <translation>所属结算期确认后才到达：计入本结算单</translation>
    </message>
    <message>
        <location filename="../../backoffice/settlement_screen.py" line="-393"/>
        <source>There is no such date: {value}</source>
        <extracomment>&quot;today&quot; for the year filter and before a store is chosen how many years back the year filter offers what each figure of the card drills down to (the methods grid: ``pay:`` / ``refund:``)</extracomment>
        <translation>没有这个日期：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This store is settled by month: enter the period as YYYY-MM (e.g. 2026-10)</source>
        <translation>该门店按月结算：请按 YYYY-MM 输入结算期（如 2026-10）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This store is settled by week: enter any day of the week as YYYY-MM-DD</source>
        <translation>该门店按周结算：请按 YYYY-MM-DD 输入该周任意一天</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This store is settled by day: enter the day as YYYY-MM-DD (e.g. 2026-10-05)</source>
        <translation>该门店按日结算：请按 YYYY-MM-DD 输入日期（如 2026-10-05）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You may not settle stores (managers and admins only)</source>
        <translation>您无权进行门店结算（仅限店长和管理员）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The period {period} has not begun yet (today is {today})</source>
        <translation>结算期 {period} 尚未开始（今天是 {today}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The store&apos;s settlement period setting is not valid</source>
        <translation>该门店的结算周期设置无效</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This period overlaps statement {statement}, already confirmed</source>
        <translation>该结算期与已确认的结算单 {statement} 重叠</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The period of statement {statement} is not over yet: confirm it from {ends} on</source>
        <translation>结算单 {statement} 的结算期尚未结束：请于 {ends} 起再确认</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Statement {statement} is already confirmed</source>
        <translation>结算单 {statement} 已确认</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Statement {statement} is already settled (payment {ref})</source>
        <translation>结算单 {statement} 已结算（付款凭证 {ref}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Confirm statement {statement} before recording its payment</source>
        <translation>请先确认结算单 {statement}，再登记付款</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the payment reference (e.g. the bank transfer number)</source>
        <translation>请填写付款凭证号（如银行转账流水号）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The payment reference is at most {limit} characters</source>
        <translation>付款凭证号最多 {limit} 个字符</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The payment date {day} is in the future</source>
        <translation>付款日期 {day} 晚于今天</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The payment date {day} is before the period began</source>
        <translation>付款日期 {day} 早于结算期开始</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You may not settle store {store}</source>
        <translation>您无权结算门店 {store}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no store {store}</source>
        <translation>没有门店 {store}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This statement no longer exists</source>
        <translation>该结算单已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There are no records behind this figure</source>
        <translation>该数字没有对应的明细</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another statement of this store was being confirmed at the same time: try again</source>
        <translation>该门店的另一张结算单正在同时确认：请重试</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The store&apos;s fee rate is not valid (0 to 100%)</source>
        <translation>该门店的服务费率无效（应为 0 至 100%）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Export statement</source>
        <extracomment>where an export goes (tests answer it themselves)</extracomment>
        <translation>导出结算单</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Any state</source>
        <extracomment>the yes/no question before confirming (tests answer it themselves) the statement shown (None: none chosen yet) the records shown beside the figures the payment dialog while it is open the lists of records the drill combo offers for the shown statement</extracomment>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+137"/>
        <source>Settled {kind}</source>
        <translation>{kind}结算</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>You may settle no store</source>
        <translation>您没有可结算的门店</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+266"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="-261"/>
        <source>{count} statement(s)</source>
        <translation>共 {count} 张结算单</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose the store first</source>
        <translation>请先选择门店</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Counting the records…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Statement {no} counted: {count} sales, net {net}</source>
        <translation>结算单 {no} 已统计：{count} 笔销售，净销售额 {net}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Statement {no} is {state}: its figures are frozen</source>
        <translation>结算单 {no} {state}：数据已锁定</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>counted {at}: recount to include records arriving since</source>
        <translation>统计于 {at}：之后到达的单据请点“重新统计”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>confirmed by {name} {at}</source>
        <translation>{name} 确认于 {at}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>paid {day}, ref. {ref}</source>
        <translation>{day} 付款，凭证 {ref}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Gross sales ({count} sales)</source>
        <translation>销售总额（{count} 笔）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discounts</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform-funded coupons</source>
        <translation>平台券（总部承担）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store-funded coupons</source>
        <translation>门店券（门店承担）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds ({count})</source>
        <translation>退款（{count} 笔）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>incl. card keys ({count})</source>
        <translation>其中卡密（{count} 张）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>incl. late records ({count})</source>
        <translation>其中补录调整（{count} 笔）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>+ Platform coupons owed</source>
        <translation>+ 平台券补贴</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>+ Channel orders ({count})</source>
        <translation>+ 电商订单（{count} 笔）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store income</source>
        <translation>门店收入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>− Fee at {rate}</source>
        <translation>− 服务费（{rate}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>− Cash kept by the store</source>
        <translation>− 门店留存现金</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The sales before any discount</source>
        <translation>折扣前的销售额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line, order and price discounts (coupons are shown apart)</source>
        <translation>单品、整单及改价折扣（卡券另列）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Coupons head office funds: owed to the store</source>
        <translation>总部承担的卡券：应补给门店</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Coupons the store funds itself</source>
        <translation>门店自行承担的卡券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Money given back to customers</source>
        <translation>退还顾客的金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the store&apos;s customers paid</source>
        <translation>门店顾客实际支付的金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card-key lines within the sales above</source>
        <translation>上述销售中的卡密商品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Records of earlier, already confirmed periods that arrived late: included above</source>
        <translation>已确认的以前结算期迟到的单据：已计入上述数字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>E-commerce orders paid online to head office, handed over by the store</source>
        <translation>顾客在线付款给总部、由门店交付的电商订单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Net sales + platform coupons + channel orders</source>
        <translation>净销售额 + 平台券 + 电商订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Head office&apos;s commission on the store&apos;s income</source>
        <translation>总部按门店收入收取的服务费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash taken minus cash refunded: the store keeps it</source>
        <translation>现金收款减现金退款：由门店留存</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>= income {income} − cash kept by the store {cash} − fee {fee}</source>
        <translation>= 收入 {income} − 门店留存现金 {cash} − 服务费 {fee}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Everything but cash (cards, payment codes, member balance) is collected by head office; the store keeps its cash.</source>
        <translation>除现金外（银行卡、付款码、会员余额）均由总部收款；现金由门店留存。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>{count} record(s)</source>
        <translation>共 {count} 条</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Confirm statement {no} ({store}, {period})?

{payable}.

Its figures are then frozen for good: records that arrive later go into the store&apos;s next statement as adjustments.</source>
        <translation>确认结算单 {no}（{store}，{period}）？

{payable}。

确认后数据永久锁定：之后到达的单据将作为调整计入该门店的下一张结算单。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Confirm statement</source>
        <translation>确认结算单</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Statement {no} confirmed: its figures are frozen</source>
        <translation>结算单 {no} 已确认：数据已锁定</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Statement {no} · {store} · {period}
{payable}</source>
        <translation>结算单 {no} · {store} · {period}
{payable}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Payment of statement {no} recorded</source>
        <translation>结算单 {no} 已登记付款</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Statement {no} saved to {path}</source>
        <translation>结算单 {no} 已保存到 {path}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Archive of {store} {month} saved to {path}</source>
        <translation>{store} {month} 的月度归档已保存到 {path}</translation>
    </message>
    <message>
        <location filename="../../backoffice/settlement_views.py" line="-221"/>
        <source>What the store is paid</source>
        <translation>门店结算</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>By payment method</source>
        <extracomment>the name of each figure (its text carries counts and the fee rate) the amount of each figure: a button when it drills down, else a label</extracomment>
        <translation>按收款方式</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Taken</source>
        <extracomment>the buttons of the methods grid: ``pay:&lt;method&gt;`` and ``refund:&lt;method&gt;``</extracomment>
        <translation>收款</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refunded</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No payments in this period</source>
        <translation>本期没有收款</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+37"/>
        <location line="+150"/>
        <source>Record payment</source>
        <translation>登记付款</translation>
    </message>
    <message>
        <location line="-172"/>
        <source>e.g. the bank transfer number</source>
        <translation>如银行转账流水号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Payment reference</source>
        <translation>付款凭证号</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Payment date</source>
        <translation>付款日期</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Store settlement</source>
        <translation>门店结算</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New statement</source>
        <translation>生成结算单</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Build statement</source>
        <translation>生成结算单</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose a statement in the list, or build one: pick the store, type the period and press Enter.</source>
        <translation>请在列表中选择结算单，或生成一张：选择门店，输入结算期后按回车。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Recount</source>
        <translation>重新统计</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Count the draft again from the records as they are now</source>
        <translation>按当前单据重新统计草稿</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Freeze the figures: records arriving later go into the next period</source>
        <translation>锁定数据：之后到达的单据计入下一结算期</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Month archive</source>
        <translation>月度归档</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every sale and refund of the store&apos;s month and its statements, for audit (XLSX)</source>
        <translation>该门店当月的全部销售、退款及结算单，供审计使用（XLSX）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Records behind the figure</source>
        <translation>数字明细</translation>
    </message>
</context>
<context>
    <name>ShiftMenuDialog</name>
    <message>
        <location filename="../../pos/dialogs/shift_menu.py" line="+22"/>
        <location line="+1"/>
        <source>Shift menu</source>
        <translation>班次菜单</translation>
    </message>
</context>
<context>
    <name>ShiftReview</name>
    <message>
        <location filename="../../backoffice/shift_review_screen.py" line="+47"/>
        <source>Pending</source>
        <extracomment>&quot;today&quot; for the date filter&apos;s defaults (stores keep their own zone for their figures)</extracomment>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open</source>
        <translation>未交班</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>已交班</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Shift review</source>
        <translation>班次审核</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+95"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="-90"/>
        <location line="+98"/>
        <source>Business day</source>
        <translation>营业日</translation>
    </message>
    <message>
        <location line="-85"/>
        <location line="+83"/>
        <location line="+61"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Account or name</source>
        <translation>账号或姓名</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Any review</source>
        <translation>全部审核状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Terminal</source>
        <translation>收银机</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Opened at</source>
        <translation>开班时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Closed at</source>
        <translation>交班时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sales</source>
        <translation>笔数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+41"/>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+36"/>
        <source>Counted cash</source>
        <translation>实点现金</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+31"/>
        <source>Variance</source>
        <translation>差额</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+25"/>
        <location line="+88"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hours</source>
        <translation>时段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+58"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Sales and refunds</source>
        <translation>销售与退货</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receipt</source>
        <translation>单号</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+25"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cash in / out</source>
        <translation>现金存取</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Direction</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cash in</source>
        <translation>存入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cash out</source>
        <translation>取出</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Comment (required to flag)</source>
        <translation>审核说明（标记时必填）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flag</source>
        <translation>标记异常</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Handover slip (PDF)</source>
        <translation>交班单 (PDF)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count} shifts</source>
        <translation>共 {count} 个班次</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="vanished">PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Handover slip saved to {path}</source>
        <translation>交班单已保存到 {path}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Shift approved</source>
        <translation>班次已审核通过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shift flagged</source>
        <translation>班次已标记异常</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="vanished">CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="vanished">Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="vanished">正在导出…</translation>
    </message>
    <message>
        <source>Exported {count} shifts to {path}</source>
        <translation type="vanished">已导出 {count} 个班次到 {path}</translation>
    </message>
    <message>
        <location line="-514"/>
        <source>Export shifts</source>
        <extracomment>where an export or a handover slip goes (tests answer it themselves)</extracomment>
        <translation>导出班次</translation>
    </message>
</context>
<context>
    <name>ShiftScreen</name>
    <message>
        <location filename="../../pos/screens/shift_screen.py" line="+61"/>
        <source>Opening the shift…</source>
        <translation>正在开班……</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+10"/>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Opening float (yuan)</source>
        <translation>备用金（元）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 200.00</source>
        <translation>例如 200.00</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No shift is open on this terminal. Count the change in the drawer and enter it.</source>
        <translation>本终端尚未开班。请清点钱箱中的备用金并输入。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The shift on this terminal was opened by {name} at {opened}.</source>
        <translation>本终端的班次由 {name} 于 {opened} 开启。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+13"/>
        <source>Shift open by someone else</source>
        <translation>班次由他人开启</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>{name} must close it first, or ask a manager.</source>
        <translation>请 {name} 先交班，或联系店长处理。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>As a manager you may continue this shift or close it.</source>
        <translation>您是店长，可以继续使用该班次或为其交班。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continue the shift</source>
        <translation>继续该班次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close the shift</source>
        <translation>为其交班</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+36"/>
        <location line="+16"/>
        <location line="+11"/>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>Cash in</source>
        <translation>现金存入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash out</source>
        <translation>现金取出</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+101"/>
        <source>Close shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <location line="-100"/>
        <location line="+142"/>
        <source>Reprint a receipt</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <location line="-141"/>
        <source>Retry printing</source>
        <translation>重试打印</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer settings</source>
        <translation>打印设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+170"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="-167"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Cash in recorded: {amount}</source>
        <translation>已登记现金存入：{amount}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cash out recorded: {amount}</source>
        <translation>已登记现金取出：{amount}</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+73"/>
        <source>Finish, park or clear the current sale first.</source>
        <translation>请先结账、挂单或清空当前销售。</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Enter a receipt number</source>
        <translation>请输入小票号</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Receipt No.</source>
        <translation>小票号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The copy is marked as a reprint.</source>
        <translation>重打的小票会标注“重打小票”。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Syncing with the central database…</source>
        <translation>正在与总部数据库同步…</translation>
    </message>
</context>
<context>
    <name>ShopEditor</name>
    <message>
        <location filename="../../backoffice/channel_screen.py" line="-309"/>
        <source>Edit shop</source>
        <translation>编辑店铺</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add shop</source>
        <translation>添加店铺</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel type</source>
        <translation>店铺类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordering user ID</source>
        <translation>前台下单用户 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Balance (yuan)</source>
        <translation>余额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redemption domain</source>
        <translation>兑换域名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>对接账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sort order</source>
        <translation>排序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. XX official flagship store</source>
        <translation>如“XX 平台官方旗舰店”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The channel-side user that places the orders</source>
        <translation>渠道前台下单用户的唯一标识</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 5000</source>
        <translation>如 5000</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. dh.example.com (optional)</source>
        <translation>如 dh.example.com（可不填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The account the shop is connected with</source>
        <translation>对接渠道使用的账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enabled: the shop takes orders</source>
        <translation>开启：店铺可正常接收订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>{details}

Disable the shop anyway? Its unsettled orders stay as they are.</source>
        <translation>{details}

仍要停用该店铺吗？未结算订单保持不变。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disable shop</source>
        <translation>停用店铺</translation>
    </message>
</context>
<context>
    <name>StaffEditor</name>
    <message>
        <location filename="../../backoffice/staff_screen.py" line="-173"/>
        <source>Edit account</source>
        <translation>编辑账号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add account</source>
        <translation>新增账号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stores</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counter PIN</source>
        <translation>收银台 PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Letters, digits and . _ - @, e.g. cashier05</source>
        <translation>字母、数字和 . _ - @，如 cashier05</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Shift leader (optional)</source>
        <translation>如 值班组长（选填）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enabled: may sign in</source>
        <translation>启用：可以登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>8 to 128 characters; empty: generate one</source>
        <translation>8 至 128 个字符；留空则自动生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a PIN for signing in at the counter</source>
        <translation>请设置收银台登录用的 PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 to 8 digits; empty: generate one</source>
        <translation>4 至 8 位数字；留空则自动生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location line="+200"/>
        <source>Export staff</source>
        <translation>导出员工</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account or name</source>
        <translation>账号或姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any role</source>
        <translation>全部角色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show deleted</source>
        <translation>显示已删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add account</source>
        <translation>新增账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset PIN</source>
        <translation>重置 PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+105"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} accounts</source>
        <translation>共 {count} 个账号</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Account {account} “{name}” saved</source>
        <translation>账号 {account}“{name}”已保存</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+58"/>
        <source>Password: {secret}</source>
        <translation>密码：{secret}</translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+56"/>
        <source>PIN: {secret}</source>
        <translation>PIN：{secret}</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Generated secret</source>
        <translation>自动生成的密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New sign-in secret of {name} ({account})</source>
        <translation>{name}（{account}）的新登录密码</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shown this once only: write it down and hand it over now. It is stored hashed and cannot be shown again.</source>
        <translation>仅显示这一次：请立即记下并交给本人。系统只保存其加密摘要，无法再次显示。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>PIN of {account} reset</source>
        <translation>已重置 {account} 的 PIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password of {account} reset</source>
        <translation>已重置 {account} 的密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; the account is unlocked</source>
        <translation>；账号已解锁</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Account {account} enabled</source>
        <translation>账号 {account} 已启用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Account {account} disabled</source>
        <translation>账号 {account} 已停用</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete account</source>
        <translation>删除账号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the account {account} “{name}”? It can no longer sign in and is hidden from the lists; its sales, redemptions and log entries keep its name.</source>
        <translation>删除账号 {account}“{name}”？删除后将无法登录，也不再显示在列表中；其销售、核销记录和操作日志中仍保留该姓名。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Account {account} deleted</source>
        <translation>账号 {account} 已删除</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position</source>
        <translation>职位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stores</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>None</source>
        <translation>未设置</translation>
    </message>
</context>
<context>
    <name>StationView</name>
    <message>
        <location filename="../../pos/verifier/views.py" line="-88"/>
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan or type a coupon code, QR or pickup code, then Enter</source>
        <translation>扫描或输入券码、二维码或提货码后按 Enter</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter / F2</source>
        <translation>Enter / F2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confirm redemption</source>
        <translation>确认核销</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>This station&apos;s verifications</source>
        <translation>本核销台核销记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>↑/↓ choose a row</source>
        <translation>↑/↓ 选择记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reverse (manager)</source>
        <translation>撤销核销（店长）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>Stock</name>
    <message>
        <location filename="../../backoffice/stock_models.py" line="+91"/>
        <source>Inbound</source>
        <extracomment>the zone stock times are shown in the sort key of each stock-list column (None: not sortable) the sort key of each voucher-list column the column that takes the room left over in a table (the item&apos;s name) the voucher-line columns that show costs (hidden for outbound vouchers: they go out at the moving average, not at a typed cost)</extracomment>
        <translation>入库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outbound</source>
        <translation>出库</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Purchase</source>
        <translation>采购入库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer return</source>
        <translation>退货入库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other inbound</source>
        <translation>其他入库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stocktake gain</source>
        <translation>盘盈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening stock</source>
        <translation>期初库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer in</source>
        <translation>调拨入库</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+15"/>
        <source>Refund</source>
        <translation>退款退回</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+13"/>
        <source>Sale</source>
        <translation>销售</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Card key sale</source>
        <translation>卡密销售</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer out</source>
        <translation>调拨出库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damage / loss</source>
        <translation>报损</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return to supplier</source>
        <translation>退供应商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other outbound</source>
        <translation>其他出库</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Voucher</source>
        <translation>出入库单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stocktake</source>
        <translation>盘点单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transfer</source>
        <translation>调拨单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening</source>
        <translation>期初</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location line="+154"/>
        <location line="+145"/>
        <location line="+30"/>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <location line="-174"/>
        <location line="+145"/>
        <location line="+30"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-174"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+144"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="-142"/>
        <location line="+173"/>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <location line="-168"/>
        <location line="+173"/>
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location line="-171"/>
        <location line="+173"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="-167"/>
        <source>Avg cost</source>
        <translation>平均成本</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Value</source>
        <translation>库存金额</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Safety</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lower</source>
        <translation>下限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upper</source>
        <translation>上限</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+55"/>
        <location line="+33"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="-82"/>
        <location line="+84"/>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Balance</source>
        <translation>结存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Serial no.</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Voucher no.</source>
        <translation>单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cost</source>
        <translation>成本金额</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Created at</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created by</source>
        <translation>创建人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Posted at</source>
        <translation>过账时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serial numbers</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lower limit</source>
        <translation>库存下限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upper limit</source>
        <translation>库存上限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Suggested order</source>
        <translation>建议补货</translation>
    </message>
</context>
<context>
    <name>StockCountDialog</name>
    <message>
        <location filename="../../pos/dialogs/stock_count.py" line="+67"/>
        <source>Count stock</source>
        <translation>盘点扫码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Count</source>
        <translation>计入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or type a code · 3*code counts three</source>
        <translation>扫码或输入编码 · 3*编码 计 3 件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Barcode / code</source>
        <translation>条码 / 编码</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Each scan counts one (3*code: three) for the store&apos;s open count sheet. Counts are kept on this counter and go to head office with the sync, also after a time offline.</source>
        <translation>每扫一次计 1 件（3*编码：计 3 件），计入本店进行中的盘点单。盘点记录先保存在本机，随同步上传总部，离线时也能盘点。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Scan or type a barcode or code</source>
        <translation>请扫描条码或输入编码</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{code} {name}: +{qty}, {total} counted here</source>
        <translation>{code} {name}：+{qty}，本次累计 {total}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Counted. Scan the next item, or Esc to close</source>
        <translation>已计入。继续扫描下一件，或按 Esc 关闭</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{name} may not count stock at this store: nothing was counted</source>
        <translation>{name} 无权在本店盘点：未计入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} is not goods kept on a shelf: it is not counted</source>
        <translation>{name} 不是上架的实物商品：不参与盘点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown barcode or code: {code}</source>
        <translation>未知的条码或编码：{code}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A count must be above zero</source>
        <translation>盘点数量必须大于零</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That quantity is implausible: at most {max} per scan</source>
        <translation>数量不合理：每次最多 {max}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} is counted in whole units</source>
        <translation>{name} 只能按整数盘点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not a quantity: {value} (3*code counts three)</source>
        <translation>不是有效数量：{value}（3*编码 计 3 件）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Nothing counted yet</source>
        <translation>尚未盘点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scans: {scans} · SKUs: {skus}</source>
        <translation>扫码 {scans} 次 · {skus} 个商品</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>waiting to sync: {n}</source>
        <translation>待上传 {n} 条</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>offline, kept on this counter</source>
        <translation>离线，已保存在本机</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>on count sheet {no}: {n}</source>
        <translation>盘点单 {no}：{n} 条</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not on a count sheet: {n}</source>
        <translation>未计入盘点单 {n} 条</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>refused by head office: {n}</source>
        <translation>总部拒收 {n} 条</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>all synced</source>
        <translation>已全部上传</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saving the last scans…</source>
        <translation>正在保存最后的扫码…</translation>
    </message>
</context>
<context>
    <name>StockCountModel</name>
    <message>
        <location filename="../../pos/models/stock_count_model.py" line="+57"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Total</source>
        <translation>累计</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync</source>
        <translation>上传</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>On sheet {no}</source>
        <translation>已计入 {no}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not on a sheet</source>
        <translation>未计入盘点单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused</source>
        <translation>总部拒收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to sync</source>
        <translation>待上传</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Added to count sheet {no} at head office</source>
        <translation>已计入总部盘点单 {no}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Head office received it, but no count sheet of this store was open for it: the manager sees it among the sync exceptions</source>
        <translation>总部已收到，但没有可计入的本店盘点单：店长可在同步异常中查看</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Head office refused the message: tell the manager</source>
        <translation>总部拒收了这条记录：请告知店长</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kept on this counter; it goes to head office with the next sync</source>
        <translation>已保存在本机，下次同步时上传总部</translation>
    </message>
</context>
<context>
    <name>StockEditor</name>
    <message>
        <location filename="../../backoffice/card_key_screen.py" line="+49"/>
        <source>Stock setting</source>
        <translation>库存设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The stock the counters and channels show is the smaller of this setting and the available keys ({available} now).</source>
        <translation>收银台和各渠道显示的库存为此设置与可用卡密数（当前 {available} 个）中的较小者。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No limit: show every available key</source>
        <translation>不限：显示全部可用卡密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most</source>
        <translation>最多</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StockLookupDialog</name>
    <message>
        <location filename="../../pos/dialogs/stock_lookup.py" line="+48"/>
        <source>Stock lookup</source>
        <extracomment>stores shown without scrolling</extracomment>
        <translation>查库存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+42"/>
        <source>Scan or type a barcode or code</source>
        <extracomment>the last answer shown (``db.queries.stock.stock_at``), for tests and screenshots</extracomment>
        <translation>请扫描条码或输入编码</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Barcode / code</source>
        <translation>条码 / 编码</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Stock is kept at head office: looking it up needs a connection.</source>
        <translation>库存在总部，查询需要联网。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Asking head office…</source>
        <translation>正在向总部查询…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{store}: on hand {on_hand} {unit}, available {available} {unit}</source>
        <translation>{store}：库存 {on_hand} {unit}，可用 {available} {unit}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Scan the next item, or Esc to close</source>
        <translation>继续扫描下一件，或按 Esc 关闭</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Stock needs a connection to head office; the sale goes on</source>
        <translation>查库存需要连接总部；收银照常进行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown barcode or code: {code}</source>
        <translation>未知的条码或编码：{code}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Product {code} has several SKUs: scan the barcode of the one you mean</source>
        <translation>商品 {code} 有多个 SKU：请扫描具体规格的条码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a barcode or code</source>
        <translation>不是条码或编码</translation>
    </message>
</context>
<context>
    <name>StockMessages</name>
    <message>
        <location filename="../../backoffice/stock_models.py" line="-326"/>
        <source>No such warehouse or store</source>
        <translation>没有这个仓库或门店</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You may not work on warehouse {warehouse}</source>
        <translation>您无权操作仓库 {warehouse}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose inbound or outbound</source>
        <translation>请选择入库或出库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the voucher type</source>
        <translation>请选择单据类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add at least one line</source>
        <translation>请至少添加一行明细</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add the line being entered, or clear its code, before saving</source>
        <translation>请先添加正在录入的明细，或清空其编码，再保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A voucher holds at most 1000 lines</source>
        <translation>一张单据最多 1000 行明细</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The text is too long</source>
        <translation>文字过长</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No SKU, product or barcode {code}</source>
        <translation>没有 SKU、商品或条码 {code}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Product {code} has several SKUs: scan or type the SKU code</source>
        <translation>商品 {code} 有多个 SKU：请扫描或输入 SKU 编码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The quantity must be above zero</source>
        <translation>数量必须大于零</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That quantity is implausibly large</source>
        <translation>数量大得不合理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This item is counted in whole units</source>
        <translation>此商品只能按整件计数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter a quantity, e.g. 12 (or 1.250 for goods sold by weight)</source>
        <translation>请输入数量，如 12（称重商品可输入 1.250）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The unit cost must be zero or more</source>
        <translation>单位成本不能为负</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the unit cost in yuan (0 is allowed)</source>
        <translation>请输入单位成本（元，可为 0）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serial-tracked goods need one serial number per unit</source>
        <translation>序列号管理的商品每件需一个序列号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A serial number is given twice</source>
        <translation>序列号重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This item is not serial-tracked: leave the serial numbers empty</source>
        <translation>此商品不按序列号管理：请勿填写序列号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serial number {serial} is already in stock</source>
        <translation>序列号 {serial} 已在库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serial number {serial} is not in stock in this warehouse</source>
        <translation>序列号 {serial} 不在本仓库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A serial number is empty</source>
        <translation>序列号为空</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A serial number is too long (at most 64 characters)</source>
        <translation>序列号过长（最多 64 个字符）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Voucher {no} is already posted</source>
        <translation>单据 {no} 已过账</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Voucher {no} is cancelled</source>
        <translation>单据 {no} 已作废</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only a draft voucher can be cancelled</source>
        <translation>只有草稿单据可以作废</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This voucher no longer exists</source>
        <translation>此单据已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not enough stock for this voucher, and this warehouse does not allow negative stock</source>
        <translation>库存不足，且本仓库不允许负库存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Limits are zero or more</source>
        <translation>上下限不能为负</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The upper limit must be at least the lower limit and the safety stock</source>
        <translation>上限不能低于下限和安全库存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The date range ends before it starts</source>
        <translation>结束日期早于开始日期</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line {line}: {message}</source>
        <translation>第 {line} 行：{message}</translation>
    </message>
</context>
<context>
    <name>StockOps</name>
    <message>
        <location filename="../../backoffice/stock_ops_models.py" line="+151"/>
        <source>All goods</source>
        <translation>全部商品</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>Sheet no.</source>
        <translation>盘点单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+96"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Opened at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved at</source>
        <translation>审核时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lines counted</source>
        <translation>已盘行数</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+52"/>
        <location line="+42"/>
        <location line="+66"/>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <location line="-159"/>
        <location line="+52"/>
        <location line="+42"/>
        <location line="+66"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-159"/>
        <location line="+94"/>
        <location line="+66"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="-158"/>
        <location line="+51"/>
        <source>Book</source>
        <translation>账面</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>The book quantity at the time of the last scan</source>
        <translation>最后一次扫描时的账面数量</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Counted</source>
        <translation>实盘</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+91"/>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>Value</source>
        <translation>差异金额</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last scan</source>
        <translation>最后扫描</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Transfer no.</source>
        <translation>调拨单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>调出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>调入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created at</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+66"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Sent</source>
        <translation>发出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Received</source>
        <translation>实收</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+55"/>
        <source>Serial numbers</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Not arrived</source>
        <translation>未到货</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>On hand</source>
        <translation>现有库存</translation>
    </message>
</context>
<context>
    <name>StockOpsMessages</name>
    <message>
        <location line="-338"/>
        <source>Scan or type a code first</source>
        <translation>请先扫描或输入编码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This warehouse already has a count sheet in progress ({no}): approve or cancel it first</source>
        <translation>该仓库已有进行中的盘点单（{no}）：请先审核或取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Count sheet {no} is already approved</source>
        <translation>盘点单 {no} 已审核</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Count sheet {no} is cancelled</source>
        <translation>盘点单 {no} 已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Count sheet {no} is no longer open: counts go on an open sheet</source>
        <translation>盘点单 {no} 已结束：只能在进行中的盘点单上计数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing is counted on {no}: count first, approve with uncounted = zero, or cancel the sheet</source>
        <translation>盘点单 {no} 尚未盘点任何商品：请先盘点，或选择“未盘按零计”后审核，或取消该单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This count sheet no longer exists</source>
        <translation>该盘点单已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No such category</source>
        <translation>没有该分类</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Several categories have this name</source>
        <translation>有多个同名分类</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{sku} is not in this count sheet&apos;s category</source>
        <translation>{sku} 不在本盘点单的分类范围内</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{sku} is not goods kept on a shelf: it is not counted</source>
        <translation>{sku} 不是上架库存商品，无需盘点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A count is zero or more</source>
        <translation>盘点数量不能为负</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add at least one line</source>
        <translation>请至少添加一行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A transfer holds at most 1000 lines</source>
        <translation>一张调拨单最多 1000 行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A transfer goes to another warehouse</source>
        <translation>调入仓库不能与调出仓库相同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Warehouse {warehouse} is not active</source>
        <translation>仓库 {warehouse} 未启用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This item is not goods kept in a warehouse</source>
        <translation>该商品不是仓库库存商品</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This transfer no longer exists</source>
        <translation>该调拨单已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transfer {no} has not been sent yet</source>
        <translation>调拨单 {no} 尚未发出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transfer {no} is already sent (in transit)</source>
        <translation>调拨单 {no} 已发出（在途）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transfer {no} is already received</source>
        <translation>调拨单 {no} 已收货</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transfer {no} is cancelled</source>
        <translation>调拨单 {no} 已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not enough stock to send this transfer, and the sending warehouse does not allow negative stock</source>
        <translation>库存不足，且调出仓库不允许负库存，无法发出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>More units received than were sent</source>
        <translation>实收数量多于发出数量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serial number {serial} was not sent on this transfer</source>
        <translation>序列号 {serial} 不在本调拨单的发货中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serial number {serial} is no longer in transit</source>
        <translation>序列号 {serial} 已不在途</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The transfer has no such line</source>
        <translation>调拨单没有该行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A line is given twice</source>
        <translation>同一行填写了两次</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Line {line}: {message}</source>
        <translation>第 {line} 行：{message}</translation>
    </message>
</context>
<context>
    <name>StockOpsStatus</name>
    <message>
        <location line="-138"/>
        <source>Counting</source>
        <extracomment>the zone stock times are shown in the column of each table that takes the room left over (the item&apos;s name) the difference column of the counted lines and of a transfer&apos;s lines</extracomment>
        <translation>盘点中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In transit</source>
        <translation>在途</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>已收货</translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <location filename="../../backoffice/stock_screen.py" line="-895"/>
        <source>Stock</source>
        <translation>库存查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code, name or barcode</source>
        <translation>编码、名称或条码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low stock only</source>
        <translation>仅看库存不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At or below the lower limit or the safety stock</source>
        <translation>可用库存不高于下限或安全库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Negative only</source>
        <translation>仅看负库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit limits</source>
        <translation>设置上下限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import products</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import opening stock</source>
        <translation>导入期初库存</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You have no warehouse to work on</source>
        <translation>您没有可操作的仓库</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+39"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>{warehouse}: {count} SKUs · red: negative stock · amber: at or below the lower limit</source>
        <translation>{warehouse}：{count} 个 SKU · 红色：负库存 · 橙色：低于下限</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Movements</source>
        <translation>库存流水</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a SKU to see its limits and movements</source>
        <translation>选择一个 SKU 查看其上下限和库存流水</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{code} {name}: movements</source>
        <translation>{code} {name}：库存流水</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>On hand {on_hand} · locked {locked} · available {available}</source>
        <translation>在库 {on_hand} · 锁定 {locked} · 可用 {available}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No limits set</source>
        <translation>未设上下限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Safety stock {safety} · lower limit {lower} · upper limit {upper}</source>
        <translation>安全库存 {safety} · 下限 {lower} · 上限 {upper}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Negative stock</source>
        <translation>负库存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Low stock: replenish</source>
        <translation>库存不足：请补货</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Movements: {count}, newest first</source>
        <translation>流水 {count} 条，最新在前</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Limits of {code} saved</source>
        <translation>{code} 的上下限已保存</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Avg cost (yuan)</source>
        <translation>平均成本（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stock value (yuan)</source>
        <translation>库存金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lower limit</source>
        <translation>库存下限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upper limit</source>
        <translation>库存上限</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="vanished">正在导出…</translation>
    </message>
    <message>
        <source>Exported {count} rows to {path}</source>
        <translation type="vanished">已导出 {count} 行到 {path}</translation>
    </message>
</context>
<context>
    <name>StockScreens</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="vanished">CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="vanished">Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="-270"/>
        <source>All warehouses</source>
        <extracomment>where an export goes (tests answer it themselves) asks before posting or cancelling (tests answer for the manager)</extracomment>
        <translation>全部仓库</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>StocktakeScreen</name>
    <message>
        <location filename="../../backoffice/stocktake_screen.py" line="+309"/>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a count sheet</source>
        <translation>新建盘点单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan or type a code and press Enter · 3*code counts three</source>
        <translation>扫描或输入编码后按回车 · 3*编码 计 3 件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many the next scan counts (empty: one)</source>
        <translation>下一次扫描计入的数量（留空为 1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct count…</source>
        <translation>更正数量…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the count of the selected line (counted or not counted) to a number</source>
        <translation>把所选行（已盘或未盘）的数量改为指定值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve…</source>
        <translation>审核…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel sheet</source>
        <translation>取消盘点单</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{count} count sheets</source>
        <translation>共 {count} 张盘点单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The newest {count} count sheets</source>
        <translation>最近 {count} 张盘点单</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>No count sheet selected</source>
        <translation>未选择盘点单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a sheet in the list, or open a new one to count.</source>
        <translation>请在列表中选择盘点单，或新建盘点单开始盘点。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opened {opened}</source>
        <translation>开始于 {opened}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approved {at}</source>
        <translation>审核于 {at}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Counted ({count})</source>
        <translation>已盘（{count}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not counted yet ({count})</source>
        <translation>未盘（{count}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{lines} lines counted · gains: {gains} SKUs +{gain_qty} ({gain_value}) · losses: {losses} SKUs -{loss_qty} ({loss_value}) · {uncounted} not counted</source>
        <translation>已盘 {lines} 行 · 盘盈：{gains} 个 SKU +{gain_qty}（{gain_value}）· 盘亏：{losses} 个 SKU -{loss_qty}（{loss_value}）· 未盘 {uncounted} 个</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>{code} {name}: +{added} → counted {counted} (book {book}, difference {diff})</source>
        <translation>{code} {name}：+{added} → 实盘 {counted}（账面 {book}，差异 {diff}）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>{code}: {reason}</source>
        <translation>{code}：{reason}</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>{code} {name}: count set to {counted} (book {book}, difference {diff})</source>
        <translation>{code} {name}：数量更正为 {counted}（账面 {book}，差异 {diff}）</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Count sheet {no} opened for {warehouse}: scan to count</source>
        <translation>已为 {warehouse} 新建盘点单 {no}：请扫码盘点</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Count sheet {no} approved: {movements} movements posted · gains +{gain_qty} ({gain_value}) · losses -{loss_qty} ({loss_value})</source>
        <translation>盘点单 {no} 已审核：记入 {movements} 笔库存流水 · 盘盈 +{gain_qty}（{gain_value}）· 盘亏 -{loss_qty}（{loss_value}）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{count} SKUs not counted were counted as zero</source>
        <translation>{count} 个未盘 SKU 按零计</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cancel count sheet</source>
        <translation>取消盘点单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel count sheet {no}? Its {lines} counted lines are dropped and nothing is posted.</source>
        <translation>取消盘点单 {no}？已盘的 {lines} 行将作废，不会记入库存。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Count sheet {no} cancelled</source>
        <translation>盘点单 {no} 已取消</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Book</source>
        <translation>账面</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Counted</source>
        <translation>实盘</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Difference value (yuan)</source>
        <translation>差异金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last scan</source>
        <translation>最后扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>盘点状态</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="vanished">CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="vanished">Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not counted</source>
        <translation>未盘</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="vanished">正在导出…</translation>
    </message>
    <message>
        <source>Exported {count} rows to {path}</source>
        <translation type="vanished">已导出 {count} 行到 {path}</translation>
    </message>
    <message>
        <location line="-586"/>
        <source>Export count sheet</source>
        <extracomment>asks before cancelling a sheet (tests answer for the manager) the sheet shown below the list (as last read, with the scans since applied) where an export goes (tests answer it themselves)</extracomment>
        <translation>导出盘点单</translation>
    </message>
</context>
<context>
    <name>StoreEditor</name>
    <message>
        <location filename="../../backoffice/store_screen.py" line="+83"/>
        <source>Edit store</source>
        <extracomment>asks for a file to read: (file-type filter) -&gt; a path, or None to cancel</extracomment>
        <translation>编辑门店</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add store</source>
        <translation>新增门店</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Introduction</source>
        <translation>简介</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement period</source>
        <translation>结算周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee rate</source>
        <translation>服务费率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 to 16 letters or digits, e.g. S03</source>
        <translation>1 至 16 位字母或数字，如 S03</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. XX convenience store, Pudong</source>
        <translation>如 XX便利店（浦东店）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 021-6288 0101</source>
        <translation>如 021-6288 0101</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening hours, services … (optional)</source>
        <translation>营业时间、服务项目…（选填）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Head office&apos;s commission on the store&apos;s income, e.g. 0.60 %</source>
        <translation>总部按门店收入收取的服务费，如 0.60%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StorePriceEditor</name>
    <message>
        <location filename="../../backoffice/catalog_screen.py" line="-619"/>
        <source>Store prices</source>
        <extracomment>asks for a line of text: (parent, title, label, text) -&gt; the text, or None when cancelled where a tree item keeps its category id (None: every category)</extracomment>
        <translation>门店价格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{code} {name}</source>
        <translation>{code} {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store price (yuan)</source>
        <translation>门店价（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 3.80</source>
        <translation>例如 3.80</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set store price</source>
        <translation>设置门店价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use head-office price</source>
        <translation>使用总部价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>You may not price any store</source>
        <translation>您无权设置任何门店的价格</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{store} sells at {price}</source>
        <translation>{store} 售价已设为 {price}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{store} sells at head office&apos;s price {price}</source>
        <translation>{store} 改按总部价 {price} 销售</translation>
    </message>
</context>
<context>
    <name>StoreScreen</name>
    <message>
        <location filename="../../backoffice/store_screen.py" line="+92"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stores</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code, name, address or phone</source>
        <translation>编码、名称、地址或电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add store</source>
        <translation>新增门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+72"/>
        <location line="+38"/>
        <source>Close store</source>
        <translation>停业</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>Download template</source>
        <translation>下载模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} stores</source>
        <translation>共 {count} 家门店</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reopen store</source>
        <translation>恢复营业</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Store {code} “{name}” saved</source>
        <translation>门店 {code}“{name}”已保存</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close store {code} “{name}”? No terminal can be added to it while it is closed; its records stay.</source>
        <translation>将门店 {code}“{name}”设为停业？停业期间不能添加收银终端；门店的记录保留不变。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Store {code} reopened</source>
        <translation>门店 {code} 已恢复营业</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store {code} closed</source>
        <translation>门店 {code} 已停业</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Template saved to {path}</source>
        <translation>模板已保存到 {path}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{read} rows read: {imported} stores added, {rejected} rows rejected</source>
        <translation>读取 {read} 行：新增 {imported} 家门店，拒绝 {rejected} 行</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import report</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import stores</source>
        <translation>导入门店</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement period</source>
        <translation>结算周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee rate</source>
        <translation>服务费率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active terminals</source>
        <translation>在用终端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Introduction</source>
        <translation>简介</translation>
    </message>
</context>
<context>
    <name>SyncExceptionScreen</name>
    <message>
        <location filename="../../backoffice/sync_exception_models.py" line="+44"/>
        <source>Price out of date</source>
        <extracomment>the longest one-line detail a cell shows (the tooltip and the detail pane show it all) when it was handled, in the list&apos;s state cell (the detail pane and the export say the year)</extracomment>
        <translation>价格已过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The counter sold at a price head office had already changed (it had not pulled the new price yet). Check the difference; the counter takes the new price at its next sync.</source>
        <translation>收银台按总部已修改的旧价格销售（当时尚未同步到新价格）。请核对差价；收银台下次同步时会取得新价格。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Document in a closed shift</source>
        <translation>班次关闭后的单据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The document arrived for a shift head office had already closed, so the shift&apos;s figures changed after its close. Review the shift again.</source>
        <translation>单据到达时总部已关闭其所属班次，班次数据在关闭后发生了变化。请重新审核该班次。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unknown shift</source>
        <translation>未知班次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A document named a shift head office had never heard of; a stand-in shift was opened to hold it. Check the counter&apos;s shifts and close the stand-in.</source>
        <translation>单据所属的班次总部从未收到，已临时建立一个替代班次来存放它。请核对该收银台的班次并关闭替代班次。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shift closed by head office</source>
        <translation>班次被总部关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The counter opened a new shift while head office still held an older one open; the older one was closed without a cash count. Count and review it by hand.</source>
        <translation>收银台开了新班次，而总部仍有其旧班次处于开启状态；旧班次已在未清点现金的情况下被关闭。请手工清点并审核该班次。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shift closed twice</source>
        <translation>班次重复交班</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The counter closed a shift head office had already closed, with other figures. Compare the two closings and correct the shift review.</source>
        <translation>收银台交班的班次总部已关闭过，且数据不同。请比对两次交班并更正班次审核。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Receipt number reused</source>
        <translation>小票号重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A counter (perhaps restored from an old copy) issued a number already taken; the document was kept under a suffixed number. Find it by its printed number.</source>
        <translation>收银台（可能由旧备份恢复）使用了已被占用的单号；单据已以带后缀的单号保存。请按打印的单号查找。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Payment reference used twice</source>
        <translation>支付流水号重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The provider&apos;s trade number had already paid another sale. Ask the payment provider whether the customer paid once or twice; refund if twice.</source>
        <translation>该支付流水号已用于另一笔销售。请向支付机构核实顾客付款一次还是两次；若付了两次请退款。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Journal conflict</source>
        <translation>日志链冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The counter&apos;s journal forked from head office&apos;s (a counter restored from an old copy). Check the counter&apos;s data; call support if it happens again.</source>
        <translation>收银台的日志链与总部的出现分叉（收银台由旧备份恢复）。请检查收银台数据；如再次出现请联系技术支持。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Card key conflict</source>
        <translation>卡密冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A card key sold at the counter was bound to another sale, or its lease had lost it. Check the key the customer got; issue another if it does not work.</source>
        <translation>收银台售出的卡密已绑定到另一笔销售，或其租约已失去该卡密。请核对顾客拿到的卡密；如不可用请另发一张。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stock below zero</source>
        <translation>库存为负</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A sale took the stock below zero (e.g. two counters sold the last unit offline). Count the SKU and correct the stock with a voucher.</source>
        <translation>一笔销售使库存低于零（例如两台收银台离线时都卖出了最后一件）。请盘点该 SKU 并用出入库单更正库存。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Serial number not in stock</source>
        <translation>序列号不在库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A unit was sold whose serial number the stock book did not hold in this store. Find where the unit came from and correct the serial records.</source>
        <translation>售出商品的序列号在本店库存账上不存在。请查明该商品来源并更正序列号记录。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Top-up not applied</source>
        <translation>充值未入账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A member top-up could not be applied centrally (unknown member, or applied before). Check the member&apos;s balance; apply it by hand if money was taken.</source>
        <translation>会员充值未能在总部入账（会员未知，或已入账过）。请核对会员余额；如已收款请手工入账。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Count without a stocktake</source>
        <translation>无盘点单的计数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A count was scanned while no count sheet was open for the store; it was not added. Open a stocktake and count the SKU again.</source>
        <translation>扫描计数时门店没有开启的盘点单，计数未计入。请开启盘点并重新清点该 SKU。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Count before the stocktake</source>
        <translation>盘点开始前的计数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A count was scanned before the open count sheet was opened; it was not added. Count the SKU again on the sheet.</source>
        <translation>计数扫描于当前盘点单开启之前，未计入。请在盘点单上重新清点该 SKU。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Count of an unknown SKU</source>
        <translation>未知 SKU 的计数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A count named a SKU head office does not know; it was not added. Check the barcode, add the product if needed and count again.</source>
        <translation>计数的 SKU 总部不认识，未计入。请核对条码，必要时添加商品后重新清点。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Count of a product not counted</source>
        <translation>非盘点商品的计数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A count named a service or a card-key product, which has no shelf stock; it was not added. Nothing to correct.</source>
        <translation>计数的是服务或卡密商品，这类商品没有货架库存，未计入。无需更正。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Count outside the stocktake</source>
        <translation>超出盘点范围的计数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A count named a SKU outside the open sheet&apos;s categories; it was not added. Count it on a sheet that covers it, if needed.</source>
        <translation>计数的 SKU 不在当前盘点单的品类范围内，未计入。如有需要，请在包含该品类的盘点单上清点。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Document from a retired terminal</source>
        <translation>已停用终端的单据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A retired terminal sent this document; it was kept. Find out who still uses the terminal and stop it.</source>
        <translation>已停用的终端发送了这张单据，单据已保留。请查明谁仍在使用该终端并予以制止。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Other ({kind})</source>
        <translation>其他（{kind}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not known to this version of the back office: see the detail.</source>
        <translation>当前版本的后台无法识别此类型：请查看详情。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sale</source>
        <translation>销售</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>退货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift opening</source>
        <translation>开班</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift closing</source>
        <translation>交班</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash in / out</source>
        <translation>现金存取</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Journal entry</source>
        <translation>日志条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member top-up</source>
        <translation>会员充值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stock count</source>
        <translation>盘点计数</translation>
    </message>
    <message>
        <location line="+29"/>
        <location filename="../../backoffice/sync_exception_screen.py" line="+99"/>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handled by {who}, {time}</source>
        <translation>已处理：{who}，{time}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>not priced</source>
        <translation>未定价</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Line {no} {code} {name}: sold at {sold}, head office {central}</source>
        <translation>第 {no} 行 {code} {name}：售价 {sold}，总部价 {central}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Payment: {method} {amount}, trade number {ref}</source>
        <translation>支付：{method} {amount}，流水号 {ref}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The counter&apos;s closing: at {time}, expected {expected}, counted {counted}, difference {variance}</source>
        <translation>收银台交班：{time}，应有 {expected}，实点 {counted}，差额 {variance}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Receipt: {value}</source>
        <translation>小票：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refund: {value}</source>
        <translation>退货单：{value}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shift: {value}</source>
        <translation>班次：{value}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>Shift closed at head office: {time}</source>
        <translation>总部关闭班次时间：{time}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The counter&apos;s new shift: {value}</source>
        <translation>收银台的新班次：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printed number: {value}</source>
        <translation>打印单号：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stored as: {value}</source>
        <translation>保存单号：{value}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Journal entry number: {value}</source>
        <translation>日志序号：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Journal entry for: {value}</source>
        <translation>日志对应单据：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Document id: {value}</source>
        <translation>单据 ID：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Card key: {value}</source>
        <translation>卡密：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bound to sale: {value}</source>
        <translation>已绑定销售：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>State in the books: {value}</source>
        <translation>账上状态：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Warehouse: {value}</source>
        <translation>仓库：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SKU: {value}</source>
        <translation>SKU：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>On hand after the sale: {qty}</source>
        <translation>销售后库存：{qty}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Serial number: {value}</source>
        <translation>序列号：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Member: {value}</source>
        <translation>会员：{value}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Amount: {amount}</source>
        <translation>金额：{amount}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Counted: {qty}</source>
        <translation>计数：{qty}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scanned at: {time}</source>
        <translation>扫描时间：{time}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>By: {value}</source>
        <translation>操作人：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Count sheet: {value}</source>
        <translation>盘点单：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Count sheet opened at: {time}</source>
        <translation>盘点单开启时间：{time}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Retired terminal number: {value}</source>
        <translation>已停用终端编号：{value}</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>This sync exception no longer exists</source>
        <translation>该同步异常已不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You may see only your own stores&apos; sync exceptions</source>
        <translation>您只能查看自己门店的同步异常</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You may not handle the sync exceptions of this store</source>
        <translation>您无权处理该门店的同步异常</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a sync exception kind</source>
        <translation>不是有效的同步异常类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose open, handled or all</source>
        <translation>请选择待处理、已处理或全部</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The date range ends before it starts</source>
        <translation>日期范围的结束早于开始</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No such store</source>
        <translation>没有该门店</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../backoffice/sync_exception_screen.py" line="+206"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../backoffice/sync_exception_screen.py" line="+1"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../backoffice/sync_exception_screen.py" line="+1"/>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../backoffice/sync_exception_screen.py" line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../backoffice/sync_exception_screen.py" line="+2"/>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../backoffice/sync_exception_screen.py" line="+2"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../backoffice/sync_exception_screen.py" line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../backoffice/sync_exception_screen.py" line="-234"/>
        <source>Export sync exceptions</source>
        <extracomment>days the date filter covers when first switched on (up to today)</extracomment>
        <translation>导出同步异常</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sync exceptions</source>
        <translation>同步异常</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+75"/>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <location line="-74"/>
        <location line="+80"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Handled</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+156"/>
        <source>Mark as handled</source>
        <translation>标记已处理</translation>
    </message>
    <message>
        <location line="-154"/>
        <source>The exception leaves the open list; the audit log records who handled it</source>
        <translation>该异常将移出待处理列表；操作日志会记录处理人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose an exception to see its detail</source>
        <translation>选择一条异常以查看详情</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>My stores</source>
        <translation>我的门店</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} exceptions</source>
        <translation>共 {count} 条异常</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Time: {time}</source>
        <translation>时间：{time}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store: {store}</source>
        <translation>门店：{store}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminal: {number}</source>
        <translation>终端：{number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document: {document} ({id})</source>
        <translation>单据：{document}（{id}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>State: {state}</source>
        <translation>状态：{state}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>As stored:</source>
        <translation>原始记录：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Mark “{kind}” of {document} at {store} as handled? It leaves the list of open exceptions; the audit log records that you handled it.</source>
        <translation>将 {store} 的 {document}“{kind}”标记为已处理？它将移出待处理列表，操作日志会记录由您处理。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>“{kind}” of {document} marked as handled</source>
        <translation>{document} 的“{kind}”已标记为已处理</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This exception was already handled by {who}, {time}</source>
        <translation>该异常已由 {who} 于 {time} 处理</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Kind code</source>
        <translation>类型代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Document id</source>
        <translation>单据 ID</translation>
    </message>
</context>
<context>
    <name>TenderTableModel</name>
    <message>
        <location filename="../../pos/models/tender_model.py" line="+18"/>
        <source>Method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reference</source>
        <translation>交易号</translation>
    </message>
</context>
<context>
    <name>TerminalEditor</name>
    <message>
        <location filename="../../backoffice/terminal_screen.py" line="+62"/>
        <source>Register terminal</source>
        <translation>注册终端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminal number</source>
        <translation>终端号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional, e.g. Counter 2 by the door</source>
        <translation>选填，如 门口 2 号收银台</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Terminal numbers are unique across the enterprise: they appear in every receipt number. Then, on the counter: storedesk terminal register --store &lt;code&gt; --number &lt;number&gt;</source>
        <translation>终端号在全企业范围内唯一：每个小票号中都包含终端号。注册后，在收银台上运行：storedesk terminal register --store &lt;code&gt; --number &lt;number&gt;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Choose an open store</source>
        <translation>请选择营业中的门店</translation>
    </message>
</context>
<context>
    <name>TerminalScreen</name>
    <message>
        <location line="+63"/>
        <source>Terminals</source>
        <translation>收银终端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Register terminal</source>
        <translation>注册终端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Read-only: only an administrator registers or retires terminals</source>
        <translation>只读：只有管理员可以注册或停用终端</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} terminals</source>
        <translation>共 {count} 台终端</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Terminal {number} registered for store {store}: on the counter run storedesk terminal register --store {store} --number {number}</source>
        <translation>已为门店 {store} 注册终端 {number}：请在收银台上运行 storedesk terminal register --store {store} --number {number}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Retire terminal</source>
        <translation>停用终端</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retire terminal {number} “{name}” of store {store}? It can no longer register or lease card keys, and its card-key leases are quarantined. This cannot be undone.</source>
        <translation>停用门店 {store} 的终端 {number}“{name}”？停用后该终端不能再注册，也不能租借卡密，其已租借的卡密将被隔离。此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Terminal {number} of store {store} retired</source>
        <translation>门店 {store} 的终端 {number} 已停用</translation>
    </message>
</context>
<context>
    <name>TextPreviewDialog</name>
    <message>
        <location filename="../../pos/dialogs/text_preview.py" line="+34"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>TopUpDialog</name>
    <message>
        <location filename="../../pos/dialogs/member.py" line="+18"/>
        <source>Top up member balance</source>
        <translation>会员余额充值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid by</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cash (into the drawer)</source>
        <translation>现金（放入钱箱）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The cash goes into this shift&apos;s drawer. The member&apos;s balance shows the top-up after the next sync with head office.</source>
        <translation>现金计入本班次钱箱。与总部下次同步后，会员余额才会显示这笔充值。</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../pos/views/sale_view.py" line="-179"/>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subtotal</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupons</source>
        <translation>卡券抵扣</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Amount due</source>
        <translation>应收</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Last sale</source>
        <translation>上一单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paid</source>
        <translation>实收</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change</source>
        <translation>找零</translation>
    </message>
</context>
<context>
    <name>TransferEditor</name>
    <message>
        <location filename="../../backoffice/transfer_screen.py" line="-414"/>
        <source>New transfer</source>
        <extracomment>the serial-tracked SKU the entry holds, once looked up (its serial numbers follow)</extracomment>
        <translation>新建调拨单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>调出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>调入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason, vehicle, … (optional)</source>
        <translation>原因、车辆等（选填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add goods</source>
        <translation>添加商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan or type a SKU code or barcode, then Enter · 3*code adds three</source>
        <translation>扫描或输入 SKU 编码或条码后按回车 · 3*编码 添加 3 件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serial numbers</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serial-tracked goods: scan one serial number per unit, then Enter</source>
        <translation>序列号商品：每件扫描一个序列号，然后按回车</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add line</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and send</source>
        <translation>保存并发出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Another warehouse sends: scan the goods again</source>
        <translation>调出仓库已更改：请重新扫描商品</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Scan or type a code and press Enter: it is added at once</source>
        <translation>扫描或输入编码后按回车，立即添加</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unit: {unit}</source>
        <translation>单位：{unit}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on hand here: {qty}</source>
        <translation>本仓库存：{qty}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>serial-tracked: scan one serial number per unit</source>
        <translation>序列号商品：每件扫描一个序列号</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>{code}: {reason}</source>
        <translation>{code}：{reason}</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>{lines} lines · quantity {qty}</source>
        <translation>{lines} 行 · 数量 {qty}</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Send transfer</source>
        <translation>发出调拨</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send this transfer from {src} to {dst} now? {lines} lines, quantity {qty}. The goods leave {src} at once and are in transit until {dst} receives them.</source>
        <translation>现在从 {src} 发往 {dst}？共 {lines} 行，数量 {qty}。商品立即从 {src} 出库，{dst} 收货前处于在途状态。</translation>
    </message>
</context>
<context>
    <name>TransferScreen</name>
    <message>
        <location line="-334"/>
        <source>{code} {name}: sent {sent}, received {received} ({diff})</source>
        <translation>{code} {name}：发出 {sent}，实收 {received}（{diff}）</translation>
    </message>
    <message>
        <location line="+564"/>
        <source>Transfers</source>
        <extracomment>asks before sending or cancelling (tests answer for the manager)</extracomment>
        <translation>调拨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>调出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>调入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New transfer</source>
        <translation>新建调拨单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send…</source>
        <translation>发出…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receive…</source>
        <translation>收货…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel draft</source>
        <translation>取消草稿</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Any warehouse</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The newest {count} transfers</source>
        <translation>最近 {count} 张调拨单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} transfers</source>
        <translation>共 {count} 张调拨单</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>No transfer selected</source>
        <translation>未选择调拨单</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Created {at}</source>
        <translation>创建于 {at}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sent {at}</source>
        <translation>发出于 {at}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>received {at}</source>
        <translation>收货于 {at}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Arrived differently from what was sent: {lines}</source>
        <translation>实收与发出不符：{lines}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Everything arrived as sent</source>
        <translation>全部按发出数量到货</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Transfer {no} is saved as a draft but was not sent: {reason}</source>
        <translation>调拨单 {no} 已保存为草稿，但未能发出：{reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+47"/>
        <source>Transfer {no} sent: the goods are in transit to {dst}</source>
        <translation>调拨单 {no} 已发出：商品在途，发往 {dst}</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Transfer {no} saved as a draft</source>
        <translation>调拨单 {no} 已保存为草稿</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Send transfer</source>
        <translation>发出调拨</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send transfer {no} from {src} to {dst} now? {lines} lines, quantity {qty}. The goods leave {src} at once and are in transit until {dst} receives them.</source>
        <translation>现在发出调拨单 {no}（{src} → {dst}）？共 {lines} 行，数量 {qty}。商品立即从 {src} 出库，{dst} 收货前处于在途状态。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Transfer {no} received. {count} lines differ: {lines}</source>
        <translation>调拨单 {no} 已收货，{count} 行有差异：{lines}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Transfer {no} received: everything arrived as sent</source>
        <translation>调拨单 {no} 已收货：全部按发出数量到货</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel transfer</source>
        <translation>取消调拨单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel draft transfer {no}? Nothing has moved yet.</source>
        <translation>取消调拨草稿 {no}？库存尚未发生变动。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Transfer {no} cancelled</source>
        <translation>调拨单 {no} 已取消</translation>
    </message>
</context>
<context>
    <name>VerificationHistoryModel</name>
    <message>
        <location filename="../../pos/verifier/history_model.py" line="+13"/>
        <source>Coupon</source>
        <translation>卡券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pickup</source>
        <translation>提货</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Redeemed</source>
        <translation>已核销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reversed</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Released</source>
        <translation>已释放</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Verification {id} at {at} (UTC)</source>
        <translation>核销记录 {id}，时间 {at}（UTC）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Code</source>
        <translation>核销码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Coupon / order</source>
        <translation>卡券 / 订单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verifier</source>
        <translation>核销员</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>VerificationScreen</name>
    <message>
        <location filename="../../backoffice/verification_screen.py" line="+70"/>
        <source>Verification records</source>
        <translation>核销记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+86"/>
        <source>Coupon</source>
        <translation>卡券</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>Part of the name</source>
        <translation>名称关键字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count} records</source>
        <translation>共 {count} 条记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verified at</source>
        <translation>核销时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>核销码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coupon ID</source>
        <translation>卡券 ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coupon type</source>
        <translation>卡券类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verifier ID</source>
        <translation>核销员 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verifier</source>
        <translation>核销员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store ID</source>
        <translation>门店 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount off</source>
        <translation>优惠金额</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="vanished">CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="vanished">Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="vanished">正在导出…</translation>
    </message>
    <message>
        <source>Exported {count} records to {path}</source>
        <translation type="vanished">已导出 {count} 条记录到 {path}</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Export verification records</source>
        <extracomment>where an export goes (tests answer it themselves)</extracomment>
        <translation>导出核销记录</translation>
    </message>
</context>
<context>
    <name>VerifierLoginView</name>
    <message>
        <location filename="../../pos/verifier/views.py" line="-236"/>
        <source>Verifier station sign-in</source>
        <extracomment>the longest scan the field takes (a signed QR payload is about 60 characters)</extracomment>
        <translation>核销台登录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Account, e.g. verifier01</source>
        <translation>账号，例如 verifier01</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Verifiers and managers of this store sign in with their account and password.</source>
        <translation>本门店的核销员和店长请使用账号和密码登录。</translation>
    </message>
</context>
<context>
    <name>VerifierStation</name>
    <message>
        <location filename="../../pos/verifier/station.py" line="+160"/>
        <source>Spend {threshold}, get {amount} off</source>
        <extracomment>how many of this station&apos;s verifications the history shows the history (and with it the connection state) is read again this often while signed in</extracomment>
        <translation>满{threshold}减{amount}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{amount} off</source>
        <translation>无门槛减{amount}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{percent}% off, at most {cap} off</source>
        <comment>{zhe}: the 折 figure, 8 for 20% off</comment>
        <translation>{zhe}折 最多减{cap}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{percent}% off</source>
        <comment>{zhe}: the 折 figure, 8 for 20% off</comment>
        <translation>{zhe}折</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exchange: {item}</source>
        <translation>兑换：{item}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one given item</source>
        <translation>指定商品一件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Spend-and-save coupon</source>
        <translation>满减券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount coupon</source>
        <translation>折扣券</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exchange coupon</source>
        <translation>兑换券</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Awaiting pickup</source>
        <translation>待提货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collected</source>
        <translation>已提货</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unused</source>
        <translation>未使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already redeemed</source>
        <translation>已核销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>day</source>
        <translation>天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>week</source>
        <translation>周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>half year</source>
        <translation>半年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>year</source>
        <translation>年</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Already collected at {store} by {verifier} at {time}</source>
        <translation>已于 {time} 在 {store} 提货（核销员：{verifier}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Already redeemed at {store} by {verifier} at {time}</source>
        <translation>已于 {time} 在 {store} 核销（核销员：{verifier}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This code was already redeemed</source>
        <translation>该码已核销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not valid at this store ({store})</source>
        <translation>本门店（{store}）不可用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expired (valid until {until})</source>
        <translation>已过期（有效期至 {until}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not valid yet (valid from {since})</source>
        <translation>尚未生效（{since} 起可用）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This code was voided by head office</source>
        <translation>该码已被总部作废</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This coupon was disabled by head office</source>
        <translation>该券已被总部停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This code belongs to another company</source>
        <translation>该码属于其他企业</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown code {code}</source>
        <translation>核销码不存在：{code}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown code</source>
        <translation>核销码不存在</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No open pickup order with code {code} at this store</source>
        <translation>本门店没有提货码为 {code} 的待提货订单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan or type a code</source>
        <translation>请扫描或输入核销码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That is too long to be a code</source>
        <translation>内容太长，不是有效的核销码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a coupon or pickup code: {value}</source>
        <translation>不是券码或提货码：{value}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a valid coupon code (mistyped?): {value}</source>
        <translation>券码无效（可能输错）：{value}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The QR code is not valid: forged or altered</source>
        <translation>二维码无效：已被伪造或篡改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The QR code is incomplete: ask the customer to refresh it and scan again</source>
        <translation>二维码不完整：请顾客刷新后重新扫描</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The QR code has expired: ask the customer to refresh it and scan again</source>
        <translation>二维码已过期：请顾客刷新后重新扫描</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>That is not one of our coupon QR codes</source>
        <translation>这不是本系统的卡券二维码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This coupon has reached today&apos;s limit of {limit} redemptions</source>
        <translation>该券今日核销已达上限（{limit} 次）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This coupon has reached this station&apos;s daily limit of {limit}</source>
        <translation>该券在本核销台的每日核销已达上限（{limit} 次）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This customer has reached the limit of {limit} per {period} for this coupon</source>
        <translation>该顾客使用本券已达每{period} {limit} 次的上限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This account does not have the verifier role</source>
        <translation>该账号没有核销员权限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This account cannot verify codes</source>
        <translation>该账号不能核销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You do not work at this store ({store})</source>
        <translation>您不在本门店（{store}）任职</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This station&apos;s store is not known at head office</source>
        <translation>总部没有本核销台所属门店的记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan the code again</source>
        <translation>请重新扫码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give a reason for the reversal</source>
        <translation>请填写撤销原因</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The reason is too long (at most 200 characters)</source>
        <translation>原因过长（最多 200 字）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That verification is not known at head office</source>
        <translation>总部没有该核销记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The approving account is not known at head office</source>
        <translation>总部没有该授权账号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That person cannot approve a reversal</source>
        <translation>此人无权授权撤销核销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That manager does not manage this store</source>
        <translation>该店长不负责本门店</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This verification was already reversed</source>
        <translation>该核销已撤销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This coupon was used in a sale: refund the sale instead</source>
        <translation>该券已在销售单中使用：请改为办理退货</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Too late to reverse: a verification can be reversed within {minutes} minutes</source>
        <translation>已超过撤销时限：核销后 {minutes} 分钟内才能撤销</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another open pickup order now has this code</source>
        <translation>该提货码已被另一个待提货订单使用</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Verification needs a connection to head office</source>
        <translation>核销需要连接总部</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>{store} · {name} · Verifier station {number}</source>
        <extracomment>a card is shown (``CodeCard``) or cleared (None) a code was redeemed (``Redemption``) a look-up or redemption was refused (the exception, or the card&apos;s ``Refusal``) a verification was reversed (``Redemption``) the history was read again what was scanned for the card (a code, a QR payload, a pickup code) (code, request id) of the redemption being tried for the card&apos;s code the look-up whose answer is on screen (behind ``_lookup_seq`` while one is on its way) None: not asked yet; True: the central database answered; False: it did not</extracomment>
        <translation>{store} · {name} · 核销台 {number}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Store {code} · Verifier station {number}</source>
        <translation>门店 {code} · 核销台 {number}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Enter your account</source>
        <translation>请输入账号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter your password</source>
        <translation>请输入密码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signing in…</source>
        <translation>正在登录……</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This account may not verify codes at this store</source>
        <translation>该账号无权在本门店核销</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wrong account or password ({left} attempts left)</source>
        <translation>账号或密码错误（还可尝试 {left} 次）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrong account or password</source>
        <translation>账号或密码错误</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Verifier: {name}</source>
        <translation>核销员：{name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Head office: checking…</source>
        <translation>总部：正在连接……</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Still redeeming the previous code: scan again</source>
        <translation>上一个码仍在核销中：请稍后重新扫码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Looking up {code}…</source>
        <translation>正在查询 {code}……</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Check the conditions, then press Enter or F2 to redeem</source>
        <translation>请核对使用条件，然后按 Enter 或 F2 核销</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This code cannot be redeemed</source>
        <translation>该码不能核销</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Redeeming {code}…</source>
        <translation>正在核销 {code}……</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Collected: order {order} (code {code}) at {time}</source>
        <translation>已提货：订单 {order}（提货码 {code}），{time}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Redeemed: {name} ({code}) at {time}</source>
        <translation>已核销：{name}（{code}），{time}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{reason}. Press Enter to try again once it is back: a code is never redeemed twice.</source>
        <translation>{reason}。恢复连接后按 Enter 重试：同一个码不会被重复核销。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{reason}. Press Enter to try again.</source>
        <translation>{reason}。按 Enter 重试。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Ready: scan a coupon code, a customer&apos;s QR code or a pickup code</source>
        <translation>就绪：请扫描券码、顾客二维码或提货码</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pickup order</source>
        <translation>提货订单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Coupon</source>
        <translation>卡券</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{kind} · customer&apos;s QR code</source>
        <translation>{kind} · 顾客二维码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Collected just now</source>
        <translation>刚刚已提货</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redeemed just now</source>
        <translation>刚刚已核销</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All stores</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only at {stores}</source>
        <translation>仅限 {stores}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Platform (head office)</source>
        <translation>平台（总部）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stacks with other offers</source>
        <translation>可与其他优惠叠加</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Does not stack with other offers</source>
        <translation>不可与其他优惠叠加</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Nothing to reverse: this station has no verifications yet</source>
        <translation>没有可撤销的记录：本核销台尚无核销</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only a redeemed code can be reversed: choose another row (↑/↓)</source>
        <translation>只能撤销已核销的记录：请选择其他行（↑/↓）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reverse this verification? {kind} {code} ({what}), verified at {time} by {verifier}. The code becomes usable again.</source>
        <translation>撤销这笔核销？{kind} {code}（{what}），由 {verifier} 于 {time} 核销。撤销后该码可再次使用。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Reversing…</source>
        <translation>正在撤销……</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reversed: {code} ({what}), approved by {manager}</source>
        <translation>已撤销：{code}（{what}），授权人：{manager}</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Head office: connected</source>
        <translation>总部：已连接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Head office: not reachable, verification unavailable</source>
        <translation>总部：无法连接，暂不能核销</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saving…</source>
        <translation>正在保存……</translation>
    </message>
</context>
<context>
    <name>VerifierWindow</name>
    <message>
        <location filename="../../pos/verifier/views.py" line="+273"/>
        <source>StoreDesk verifier station</source>
        <translation>StoreDesk 核销台</translation>
    </message>
</context>
<context>
    <name>VoidEditor</name>
    <message>
        <location filename="../../backoffice/card_key_screen.py" line="+56"/>
        <source>Void card key</source>
        <translation>作废卡密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card key {key}</source>
        <translation>卡密 {key}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is the key voided? It can never be sold afterwards.</source>
        <translation>作废原因？作废后该卡密将无法再售出。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. printed wrongly, leaked</source>
        <translation>例如：印刷错误、卡密泄露</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>VoucherEditor</name>
    <message>
        <location filename="../../backoffice/voucher_dialog.py" line="+120"/>
        <source>New inbound voucher</source>
        <extracomment>asks a yes/no question over a window: (parent, title, text) -&gt; yes; how the stock, stocktake, transfer, reservation, channel and card-key areas ask (tests answer it themselves) the SKU the entry&apos;s code names, once looked up</extracomment>
        <translation>新建入库单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New outbound voucher</source>
        <translation>新建出库单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supplier, delivery note, reason … (optional)</source>
        <translation>供应商、送货单号、原因…（选填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a line</source>
        <translation>添加明细</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or type a SKU code or barcode, then Enter</source>
        <translation>扫描或输入 SKU 编码／条码后回车</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial numbers</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serial-tracked goods: scan one serial number per unit, separated by spaces</source>
        <translation>序列号商品：每件扫描一个序列号，用空格分隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add line</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove line</source>
        <translation>删除明细</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click a line to change it</source>
        <translation>双击一行可修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and post</source>
        <translation>保存并过账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as draft</source>
        <translation>存为草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Scan or type a code and press Enter to look it up</source>
        <translation>扫描或输入编码，回车查询</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unit: {unit}</source>
        <translation>单位：{unit}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on hand: {qty}</source>
        <translation>在库：{qty}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>available: {qty}</source>
        <translation>可用：{qty}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>average cost: {cost}</source>
        <translation>平均成本：{cost}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>serial-tracked: one serial number per unit</source>
        <translation>序列号管理：每件一个序列号</translation>
    </message>
    <message>
        <location line="+198"/>
        <source>{lines} lines · quantity {qty} · cost {value}</source>
        <translation>{lines} 行 · 数量 {qty} · 成本 {value}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{lines} lines · quantity {qty}</source>
        <translation>{lines} 行 · 数量 {qty}</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Post voucher</source>
        <translation>过账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Post this voucher now? {lines} lines, quantity {qty}. Stock changes at once and a posted voucher cannot be changed.</source>
        <translation>现在过账这张单据吗？共 {lines} 行，数量 {qty}。库存将立即变动，过账后不能修改。</translation>
    </message>
</context>
<context>
    <name>VoucherScreen</name>
    <message>
        <location filename="../../backoffice/stock_screen.py" line="+497"/>
        <source>Stock vouchers</source>
        <translation>出入库单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inbound and outbound</source>
        <translation>入库和出库</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Created</source>
        <translation>创建日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Voucher no. or note</source>
        <translation>单号或备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New inbound voucher</source>
        <translation>新建入库单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New outbound voucher</source>
        <translation>新建出库单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post</source>
        <translation>过账</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+230"/>
        <source>Cancel draft</source>
        <translation>作废草稿</translation>
    </message>
    <message>
        <location line="-229"/>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Any type</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{count} vouchers</source>
        <translation>共 {count} 张单据</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>created by {name} at {at}</source>
        <translation>{name} 创建于 {at}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>posted by {name} at {at}</source>
        <translation>{name} 过账于 {at}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cost {cost}</source>
        <translation>成本 {cost}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+30"/>
        <source>Voucher {no} posted</source>
        <translation>单据 {no} 已过账</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Voucher {no} saved as a draft but not posted: {reason}</source>
        <translation>单据 {no} 已存为草稿，但未能过账：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Voucher {no} saved as a draft</source>
        <translation>单据 {no} 已存为草稿</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Post voucher</source>
        <translation>过账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Post voucher {no} ({lines} lines, quantity {qty}) now? Stock changes at once and a posted voucher cannot be changed.</source>
        <translation>现在过账单据 {no}（{lines} 行，数量 {qty}）吗？库存将立即变动，过账后不能修改。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cancel draft voucher {no}? It can no longer be posted.</source>
        <translation>作废草稿单据 {no} 吗？作废后不能再过账。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Voucher {no} cancelled</source>
        <translation>单据 {no} 已作废</translation>
    </message>
</context>
</TS>
