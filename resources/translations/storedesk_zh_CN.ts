<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>BackofficeController</name>
    <message>
        <location filename="../../backoffice/app.py" line="+65"/>
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
        <location line="+46"/>
        <source>Shift review</source>
        <translation>班次审核</translation>
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
        <location filename="../../pos/app.py" line="+108"/>
        <source>Error</source>
        <translation>错误</translation>
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
        <location filename="../../shared/qt/errors.py" line="+78"/>
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
        <location line="+9"/>
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
        <location line="+3"/>
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
        <location line="+17"/>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
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
    <name>NoticeDialog</name>
    <message>
        <location filename="../../pos/dialogs/simple.py" line="+33"/>
        <source>Close</source>
        <translation>关闭</translation>
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
        <location filename="../../shared/qt/errors.py" line="-323"/>
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
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <location filename="../../pos/screens/payment_screen.py" line="+118"/>
        <source>Cash tendered</source>
        <extracomment>a charge whose result the provider did not give: F5 asks again</extracomment>
        <translation>实收现金</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount to charge</source>
        <translation>收款金额</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Leave payment?</source>
        <translation>离开收款？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A payment-code payment has already been taken for this sale. Going back refunds it to the customer through the provider. Go back anyway?</source>
        <translation>本单已收取扫码付款。返回将通过支付渠道把这笔款退还给顾客。仍要返回吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refund and go back</source>
        <translation>退款并返回</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Refunding the payment-code payment…</source>
        <translation>正在退还扫码付款…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The provider did not refund every payment: it is listed for a manager to refund. The sale was not completed.</source>
        <translation>支付渠道未能退还全部付款，已列入待退款清单，请店长处理。本单未完成。</translation>
    </message>
    <message>
        <location line="+35"/>
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
        <location line="+25"/>
        <source>Asking the provider about trade {ref}…</source>
        <translation>正在向支付渠道查询交易 {ref}…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>A payment-code payment cannot be removed here: it was already charged (trade {ref})</source>
        <translation>扫码付款已扣款，不能在此删除（交易号 {ref}）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Saving the sale…</source>
        <translation>正在保存销售单……</translation>
    </message>
    <message>
        <location line="+21"/>
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
        <location filename="../../pos/views/payment_view.py" line="+25"/>
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
        <location line="+70"/>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <location line="-65"/>
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
        <location line="+14"/>
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
        <location line="+25"/>
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
    <name>SaleScreen</name>
    <message>
        <location filename="../../pos/screens/sale_screen.py" line="+93"/>
        <location line="+169"/>
        <source>Retry printing</source>
        <translation>重试打印</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Weighed items take their quantity from the scale label</source>
        <translation>称重商品的数量以秤标签为准</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{name} × {qty}  {amount}</source>
        <translation>{name} × {qty}  {amount}</translation>
    </message>
    <message>
        <location line="+15"/>
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
        <location line="+107"/>
        <location line="+108"/>
        <source>The sale has no items</source>
        <translation>当前销售没有商品</translation>
    </message>
    <message>
        <location line="-196"/>
        <source>Order discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sale after line discounts: {amount}</source>
        <translation>单品折扣后金额：{amount}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Remove line</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove {name} from the sale?</source>
        <translation>从本单删除 {name}？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+26"/>
        <source>Sale resumed</source>
        <translation>已取单</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Saving… one moment</source>
        <translation>正在保存……请稍候</translation>
    </message>
    <message>
        <location line="+16"/>
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
        <location filename="../../pos/views/sale_view.py" line="+111"/>
        <source>Scan / code</source>
        <translation>扫码 / 条码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan a barcode or type a code, then Enter (3*code for 3)</source>
        <translation>扫描条码或输入编码后按 Enter（3*条码 = 3 件）</translation>
    </message>
    <message>
        <location line="+21"/>
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
        <location filename="../../backoffice/shift_review_screen.py" line="+53"/>
        <source>Pending</source>
        <extracomment>asks where to save: (suggested file name, file-type filter) -&gt; a path, or None to cancel &quot;today&quot; for the date filter&apos;s defaults (stores keep their own zone for their figures)</extracomment>
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
        <location line="+43"/>
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
        <location line="+46"/>
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
        <location line="+72"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
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
        <location line="+13"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exported {count} shifts to {path}</source>
        <translation>已导出 {count} 个班次到 {path}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export shifts</source>
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
        <location line="+141"/>
        <source>Reprint a receipt</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <location line="-140"/>
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
        <location line="+169"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="-166"/>
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
        <location line="+72"/>
        <source>Finish, park or clear the current sale first.</source>
        <translation>请先结账、挂单或清空当前销售。</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Enter a receipt number</source>
        <translation>请输入小票号</translation>
    </message>
    <message>
        <location line="+24"/>
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
    <name>TextPreviewDialog</name>
    <message>
        <location filename="../../pos/dialogs/text_preview.py" line="+34"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../pos/views/sale_view.py" line="-108"/>
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
        <location line="+4"/>
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
</TS>
